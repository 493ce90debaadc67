/** Usage texts, in Chinese and English. */
import type { Lang } from '../policy/model.js';

const TOP = {
  zh: `rongcuo — 容错纠错机制：政策即代码

用法：
  rongcuo policy <子命令> [选项]

子命令：
  policy eval       按策略包评估一组事实，并说明理由
  policy check      检查策略包（格式、引用、逻辑）
  policy test       运行策略包旁的场景测试 scenarios.yaml
  policy simulate   用一批案例比较已发布版本与候选版本的结果变化
  policy list       列出策略包、版本和可用的事实

通用选项：
  --lang zh|en      输出语言（默认 zh；也可用环境变量 RONGCUO_LANG）
  -h, --help        显示帮助
  --version         显示版本

运行 rongcuo policy <子命令> --help 查看各子命令的选项。
`,
  en: `rongcuo — fault tolerance and error correction for officials: policy as code

Usage:
  rongcuo policy <command> [options]

Commands:
  policy eval       evaluate a fact set against a pack and explain why
  policy check      check policy packs (format, references, logic)
  policy test       run the scenario tests (scenarios.yaml) beside each pack
  policy simulate   replay cases under the published versions and a candidate, count changes
  policy list       list packs, their versions and the facts they use

Global options:
  --lang zh|en      output language (default zh; or the RONGCUO_LANG environment variable)
  -h, --help        show help
  --version         show the version

Run rongcuo policy <command> --help for the options of each command.
`,
};

const COMMANDS: Record<string, { zh: string; en: string }> = {
  eval: {
    zh: `用法：rongcuo policy eval --pack 标识|路径 --facts 文件|- [选项]

按策略包评估一组事实（JSON 对象，如 {"privateGain": true}），给出结果、理由及所依据的条款、
未能得到更有利结果的原因，以及尚需查明的事实。

选项：
  --pack 标识|路径        策略包标识（如 cn-national）或 pack.yaml 的路径
  --facts 文件|-          事实文件（JSON）；- 表示从标准输入读取
  --at YYYY-MM-DD         行为发生日期，决定适用的版本（默认今天）
  --decided-at YYYY-MM-DD 决定日期；若当时施行的版本更有利，则适用之（从旧兼从轻）
  --json                  以 JSON 输出评估结果
  --lang zh|en            输出语言

任何结果（包括“尚不能确定”）都以退出码 0 结束；输入有误时退出码为 2。
`,
    en: `Usage: rongcuo policy eval --pack ID|PATH --facts FILE|- [options]

Evaluates a fact set (a JSON object such as {"privateGain": true}) against a pack: the outcome,
the reasons and the clauses they rest on, why no more favourable outcome applies, and the facts
still needed.

Options:
  --pack ID|PATH          pack id (e.g. cn-national) or path to a pack.yaml
  --facts FILE|-          facts file (JSON); - reads standard input
  --at YYYY-MM-DD         date of the conduct, which selects the version (default: today)
  --decided-at YYYY-MM-DD date of decision; its version applies if more favourable
  --json                  print the evaluation as JSON
  --lang zh|en            output language

Exits 0 for any outcome, including undetermined; 2 for bad input.
`,
  },
  check: {
    zh: `用法：rongcuo policy check [标识|路径 …]

检查策略包并逐条列出问题（文件:行:列: 错误|警告 代码: 说明）。不给参数时检查全部内置策略包。
有错误时退出码为 1，只有警告或没有问题时为 0。

选项：
  --lang zh|en   输出语言
`,
    en: `Usage: rongcuo policy check [ID|PATH …]

Checks policy packs and lists each problem (file:line:col: error|warning CODE: message). Without
an argument, checks every shipped pack. Exits 1 if there is any error, 0 for warnings or none.

Options:
  --lang zh|en   output language
`,
  },
  test: {
    zh: `用法：rongcuo policy test [标识|路径]

运行策略包旁的场景文件 scenarios.yaml；不给参数时运行全部内置策略包的场景。
有场景失败或策略包缺少场景文件时退出码为 1。

选项：
  --lang zh|en   输出语言
`,
    en: `Usage: rongcuo policy test [ID|PATH]

Runs the scenario file scenarios.yaml beside the pack, or beside every shipped pack without an
argument. Exits 1 if a scenario fails or a pack has no scenario file.

Options:
  --lang zh|en   output language
`,
  },
  simulate: {
    zh: `用法：rongcuo policy simulate --pack 标识|路径 --cases 文件.jsonl (--draft 版本 | --candidate 策略包文件) [选项]

逐行读取案例 {"id": "…", "conductDate": "YYYY-MM-DD", "facts": {…}}，分别按行为日期施行的
已发布版本（基线）和候选版本评估，报告结果转移矩阵（基线结果 → 候选结果）及案例标识。
无法评估的行（格式错误、事实有误、该日期无施行版本）单独列出，不中断运行。

选项：
  --pack 标识|路径          策略包
  --cases 文件.jsonl|-      案例文件（每行一个 JSON 对象）；- 表示标准输入
  --draft 版本标识          候选：同一策略包中的（草案）版本
  --candidate 策略包文件    候选：另一份策略包文件，替换同标识的内置策略包
  --json                    以 JSON 输出（包含每格全部案例标识）
  --lang zh|en              输出语言
`,
    en: `Usage: rongcuo policy simulate --pack ID|PATH --cases FILE.jsonl (--draft VERSION_ID | --candidate PACK_FILE) [options]

Reads cases, one per line, {"id": "…", "conductDate": "YYYY-MM-DD", "facts": {…}}, evaluates
each under the published version in force on its date (the baseline) and under the candidate,
and reports the transition matrix (baseline outcome → candidate outcome) with case ids. Lines
that cannot be evaluated (malformed, bad facts, no version on the date) are listed and do not
stop the run.

Options:
  --pack ID|PATH            the pack
  --cases FILE.jsonl|-      case file (one JSON object a line); - reads standard input
  --draft VERSION_ID        candidate: a (draft) version of the same pack
  --candidate PACK_FILE     candidate: another pack file, replacing the shipped pack of its id
  --json                    print JSON (with every case id of every cell)
  --lang zh|en              output language
`,
  },
  list: {
    zh: `用法：rongcuo policy list [--json]

列出内置策略包：标识、标题、状态、继承关系、辖区、各版本的生效期和状态、提示，以及可用的事实。

选项：
  --json         以 JSON 输出
  --lang zh|en   输出语言
`,
    en: `Usage: rongcuo policy list [--json]

Lists the shipped packs: id, title, status, parent, jurisdiction, versions with their windows
and status, the notice if any, and the facts they use.

Options:
  --json         print JSON
  --lang zh|en   output language
`,
  },
};

export function topHelp(lang: Lang): string {
  return TOP[lang];
}

export function policyHelp(lang: Lang): string {
  return TOP[lang];
}

export function commandHelp(command: string, lang: Lang): string {
  return COMMANDS[command]?.[lang] ?? TOP[lang];
}

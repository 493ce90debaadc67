/** Usage texts, in Chinese and English. */
import type { Lang } from '../policy/model.js';

const TOP = {
  zh: `rongcuo — 容错纠错机制：政策即代码

用法：
  rongcuo <命令> [选项]
  rongcuo policy <子命令> [选项]

服务与数据：
  serve             启动网页服务（首次启动时写入演示数据并显示演示账号）
  config            列出全部配置项及其环境变量、选项、默认值和当前值；--check 只检查能否读取
  migrate           对存储应用待执行的数据库迁移
  backup            备份存储（服务运行中亦可）
  restore           把备份恢复到空存储，并校验行数、链头和审计链
  demo              写入演示数据：辖区、单位、干部、各角色账号和约五十个案件
  user add          新建用户并授予一个角色
  user passwd       重设用户密码
  user link-identity  把统一身份认证账号关联到用户（unlink-identity 解除，identities 列出）
  user reset-totp   重置用户的动态口令（安全管理员手机丢失时的应急办法）
  audit verify      校验全部案件审计记录的哈希链
  keys status       查看上传文件的加密存储情况（算法、密钥、待重新加密的文件）
  keys rotate       以当前密钥重新加密全部旧文件（密钥轮换、开启加密后）
  jobs run-once     运行已到期的后台任务（如每日提醒），供定时任务（cron）调用
  export results    导出认定结果运用情况（Excel、CSV 或任免审批表 lrmx 字段）
  evaluation analyze  分析干部问卷答卷（CSV）：信度、结构、支持与乐观之差、促进和阻碍因素

策略包：
  policy eval       按策略包评估一组事实，并说明理由
  policy check      检查策略包（格式、引用、逻辑）
  policy test       运行策略包旁的场景测试 scenarios.yaml
  policy simulate   用一批案例比较已发布版本与候选版本的结果变化
  policy list       列出策略包、版本和可用的事实
  policy show       显示一个策略包；加 --procedure 显示合并后的办理程序和时限

存储：使用存储的命令接受 --data 目录（嵌入式 PGlite，默认 ./data）；未给 --data 而设置了
环境变量 DATABASE_URL（postgres://…）时使用该 PostgreSQL。

通用选项：
  --lang zh|en      输出语言（默认 zh；也可用环境变量 RONGCUO_LANG）
  -h, --help        显示帮助
  --version         显示版本

运行 rongcuo <命令> --help 查看各命令的选项。
`,
  en: `rongcuo — fault tolerance and error correction for officials: policy as code

Usage:
  rongcuo <command> [options]
  rongcuo policy <command> [options]

Commands (service and data):
  serve             start the web service (seeds the demo on first start and prints its logins)
  config            list every setting: its variable, flag, default and value here; --check
                    only checks that they can be read
  migrate           apply the store's pending database migrations
  backup            back up the store (also while the server runs)
  restore           restore a backup into an empty store; check row counts, chain heads, trails
  demo              seed a demo: jurisdictions, units, officials, a login per role, ~50 cases
  user add          create a user with one role
  user passwd       set a user's password
  user link-identity  link an identity-platform account to a user (also unlink-identity,
                    identities)
  user reset-totp   reset a user's one-time codes (break-glass: a security administrator's
                    lost phone)
  audit verify      verify the hash chain of every case's audit trail
  keys status       how uploaded files are stored encrypted (algorithms, keys, files pending)
  keys rotate       re-encrypt older files under the current key (after a rotation)
  jobs run-once     run the background jobs that are due (e.g. the daily reminders), for cron
  export results    export result applications (Excel, CSV, or the appointment form's lrmx fields)
  evaluation analyze  analyse survey responses (CSV): reliability, structure, the support–optimism
                    gap, promoting and blocking factors

Commands (policy packs):
  policy eval       evaluate a fact set against a pack and explain why
  policy check      check policy packs (format, references, logic)
  policy test       run the scenario tests (scenarios.yaml) beside each pack
  policy simulate   replay cases under the published versions and a candidate, count changes
  policy list       list packs, their versions and the facts they use
  policy show       show one pack; with --procedure its merged procedure and time limits

Store: commands that use the store take --data DIR (embedded PGlite, default ./data); without
--data, the DATABASE_URL environment variable (postgres://…) selects that PostgreSQL.

Global options:
  --lang zh|en      output language (default zh; or the RONGCUO_LANG environment variable)
  -h, --help        show help
  --version         show the version

Run rongcuo <command> --help for the options of each command.
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
  --at YYYY-MM-DD         行为发生日期，决定适用的版本（默认北京时间今天）
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
  --at YYYY-MM-DD         date of the conduct, which selects the version (default: today in China)
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
    zh: `用法：rongcuo policy list [标识|路径 …] [--json]

列出内置策略包：标识、标题、状态、继承关系、辖区、各版本的生效期和状态、提示，以及可用的事实。
给出标识或路径（策略包目录或 pack.yaml）时只列出这些策略包；从路径读取的策略包与内置的上级
策略包一起加载。

选项：
  --json         以 JSON 输出
  --lang zh|en   输出语言
`,
    en: `Usage: rongcuo policy list [ID|PATH …] [--json]

Lists the shipped packs: id, title, status, parent, jurisdiction, versions with their windows
and status, the notice if any, and the facts they use. Given ids or paths (a pack folder or its
pack.yaml), lists only those; a pack read from a path is loaded with its parent from the shipped
packs.

Options:
  --json         print JSON
  --lang zh|en   output language
`,
  },
  show: {
    zh: `用法：rongcuo policy show 标识|路径 [--procedure] [--at YYYY-MM-DD] [--json]

显示一个策略包（同 policy list）。路径可以是策略包目录或 pack.yaml，与内置的上级策略包一起加载。
加 --procedure 时显示某一版本合并上级后的办理程序：各环节时限（工作日或自然日）及其依据条款，
公示、会商、复核、申诉、回访和向上级报备；案件程序不读取的时限标出。

选项：
  --procedure        显示合并后的办理程序
  --at YYYY-MM-DD    该日施行的版本（默认今天施行的版本，否则最新的已发布版本）
  --json             以 JSON 输出
  --lang zh|en       输出语言
`,
    en: `Usage: rongcuo policy show ID|PATH [--procedure] [--at YYYY-MM-DD] [--json]

Shows one pack (as policy list does). A path may be a pack folder or its pack.yaml; it is loaded
with its parent from the shipped packs. With --procedure, shows a version's procedure merged over
its parent's: each step's time limit (working or calendar days) and the clause it rests on,
publicity, consultation, review, appeal, follow-up and filing upward; a time limit no step of the
case procedure reads is marked.

Options:
  --procedure        show the merged procedure
  --at YYYY-MM-DD    the version in force that day (default: today's, else the latest published)
  --json             print JSON
  --lang zh|en       output language
`,
  },
};

const STORE_ZH = `  --data 目录      嵌入式存储（PGlite）的数据目录，默认 ./data；未给出而设置了
                   DATABASE_URL 时使用该 PostgreSQL
  --lang zh|en     输出语言`;
const STORE_EN = `  --data DIR       data directory of the embedded store (PGlite), default ./data; without
                   it, DATABASE_URL (if set) selects a PostgreSQL
  --lang zh|en     output language`;

const STORE_COMMANDS: Record<string, { zh: string; en: string }> = {
  serve: {
    zh: `用法：rongcuo serve [--port 端口] [--host 地址] [--data 目录]

打开存储（应用待执行的迁移），若还没有任何用户则写入演示数据（同 rongcuo demo）并显示演示
账号，然后启动网页服务并显示其地址。按 Ctrl+C 停止（关闭存储、释放数据目录锁）。

选项：
  --port 端口      监听端口，默认 8080（0 表示任选空闲端口）
  --host 地址      监听地址，默认 127.0.0.1
  --no-demo        存储为空时也不写入演示数据
  --no-jobs        不在本进程运行后台任务（每日提醒等）；也可设环境变量 RONGCUO_JOBS=off
  --log-level 级别 标准输出上 JSON 日志的级别：fatal、error、warn、info（默认）、debug、trace
                   或 silent；也可设环境变量 RONGCUO_LOG_LEVEL
${STORE_ZH}
`,
    en: `Usage: rongcuo serve [--port N] [--host H] [--data DIR]

Opens the store (applying pending migrations); if it has no users yet, seeds the demo (as
rongcuo demo does) and prints the demo logins; then starts the web service and prints its
address. Ctrl+C stops it (closing the store and releasing the data directory's lock).

Options:
  --port N         port to listen on, default 8080 (0 picks a free port)
  --host H         address to listen on, default 127.0.0.1
  --no-demo        do not seed the demo even when the store is empty
  --no-jobs        do not run the background jobs (the daily reminders…) in this process; also
                   the environment variable RONGCUO_JOBS=off
  --log-level L    level of the JSON log on standard output: fatal, error, warn, info (default),
                   debug, trace or silent; also the environment variable RONGCUO_LOG_LEVEL
${STORE_EN}
`,
  },
  config: {
    zh: `用法：rongcuo config [--check]

列出 rongcuo 的全部配置项：环境变量、rongcuo serve 的对应选项、默认值和本环境中的当前值
（保密项只显示“已设置”或“未设置”），以及每项的含义。有无效值时退出码为 1。
配置参考另见 docs/operations/configuration.zh.md。

选项：
  --check          只检查全部配置项能否读取：有效时退出码为 0；否则以一行说明第一个无效值，
                   退出码为 1
  --lang zh|en     输出语言
`,
    en: `Usage: rongcuo config [--check]

Lists every setting of rongcuo: its environment variable, the matching rongcuo serve flag, its
default, the value in effect in this environment (a secret only as set or unset), and what it
means. Exits 1 if a value is invalid. See also docs/operations/configuration.en.md.

Options:
  --check          only check that every setting can be read: exit 0 if so, else one line
                   naming the first invalid value and exit 1
  --lang zh|en     output language
`,
  },
  migrate: {
    zh: `用法：rongcuo migrate [--data 目录]

对存储应用待执行的数据库迁移（migrations/*.sql），并列出本次应用的迁移。已应用的迁移被改动时
拒绝执行。存储无法打开时退出码为 1。

选项：
${STORE_ZH}
`,
    en: `Usage: rongcuo migrate [--data DIR]

Applies the store's pending database migrations (migrations/*.sql) and lists those applied. It
refuses if an applied migration was changed. Exits 1 when the store cannot be opened.

Options:
${STORE_EN}
`,
  },
  backup: {
    zh: `用法：rongcuo backup --out 文件 [--data 目录]

在一个只读快照中备份整个存储（gzip 压缩的 JSON 行：清单——格式版本、软件版本、迁移、审计链杂凑
算法、各表行数、全部链头——及各表数据），服务运行时也可执行，不需停机：PostgreSQL 由本命令直接
连接；嵌入式存储被运行中的服务锁定时，由该服务通过数据目录中的 backup.sock 制作备份。文件先写为
“文件.partial”，完整读回校验后才改为给定文件名。嵌入式备份可恢复到 PostgreSQL，反之亦然。

选项：
  --out 文件       备份文件（权限 0600；内含全部数据，请按涉密载体管理）
${STORE_ZH}
`,
    en: `Usage: rongcuo backup --out FILE [--data DIR]

Backs up the whole store from one read-only snapshot (gzip'd JSON lines: a manifest — format
version, software version, migrations, trail hash, row counts, every chain head — and each
table's rows), also while the server runs, without downtime: the CLI connects to PostgreSQL
itself; an embedded store locked by a running server is backed up by that server, asked through
backup.sock in the data directory. The file is written as FILE.partial, read back and checked
whole, and only then given its name. An embedded store's backup restores into PostgreSQL and back.

Options:
  --out FILE       the backup file (mode 0600; it holds all the data: keep it as such)
${STORE_EN}
`,
  },
  restore: {
    zh: `用法：rongcuo restore 文件 [--force] [--data 目录]

把备份恢复到空存储（新目录或新数据库）：先完整校验备份文件，再把存储迁移到备份所依的迁移，在一个
事务中装入全部数据，核对各表行数和全部链头与备份清单一致，最后像 rongcuo audit verify 一样校验
审计链。任何一步失败则整体撤销，存储保持原样。不能恢复到运行中服务的存储：请先停止服务。
目标存储已有数据时拒绝执行，除非给出 --force（以备份替换其全部数据，同一事务内完成）。

选项：
  --force          目标存储已有数据时，以备份替换其全部数据
${STORE_ZH}
`,
    en: `Usage: rongcuo restore FILE [--force] [--data DIR]

Restores a backup into an empty store (a new directory or database): the file is checked whole
first; the store is migrated to the backup's migrations; all rows are loaded in one transaction;
row counts and every chain head are compared with the backup's manifest; then the audit chains
are verified as rongcuo audit verify does. Any failure undoes everything: the store is left as it
was. Not into the store of a running server: stop it first.
A store that holds data is refused unless --force is given (its data is replaced by the backup's,
in the same transaction).

Options:
  --force          replace all the data of a store that is not empty
${STORE_EN}
`,
  },
  demo: {
    zh: `用法：rongcuo demo [--data 目录] [--force] [--json]

写入一套演示数据：某省、某市、X新区（策略包 x-new-area）及其单位和干部，每个角色的账号（密码
固定，如 demo-intake-2025），以及约五十个分布在各办理环节、跨越 2025–2026 年的案件。案件通过
真实的办理流程生成，审计哈希链完整；部分案件今天已超期。
存储中已有数据时拒绝写入，除非给出 --force（演示数据另行写入，原有数据保留）。

选项：
  --force          存储中已有数据时仍然写入（用户名冲突时仍会失败）
  --json           以 JSON 输出账号和案件统计
${STORE_ZH}
`,
    en: `Usage: rongcuo demo [--data DIR] [--force] [--json]

Seeds a demo: A Province, A City, X New Area (pack x-new-area) with units and officials, a login
for every role (fixed passwords such as demo-intake-2025), and about fifty cases at every step of
the procedure across 2025–2026. The cases are made by the real procedure, so their audit hash
chains are genuine; some are overdue today.
Refuses a store that already holds data unless --force is given (the demo is then added and the
existing data kept).

Options:
  --force          seed even though the store holds data (fails if a username is taken)
  --json           print the logins and case counts as JSON
${STORE_EN}
`,
  },
  'user add': {
    zh: `用法：rongcuo user add --username 用户名 --name 姓名 (--password-stdin | --password 密码)
                      --role 角色 --scope jurisdiction:标识|unit:标识|self [--official 干部标识]
                      [--department 部门]

新建用户并授予一个角色。密码须符合与管理界面相同的规则（至少 10 个字符，含字母和数字，不含用户名），
以 argon2id 哈希保存；--password-stdin 从标准输入读取一行（推荐，密码不会留在 shell 历史中）。
操作记入管理日志（admin_events），操作人为“命令行（操作系统用户名）”。

选项：
  --username 用户名  2–64 个字母、数字或 _ . -
  --name 姓名        显示的姓名
  --role 角色        official、unit_party、intake、investigator、committee_member、
                     committee_chair、org_liaison、policy_admin、auditor、admin、consultee
  --scope 范围       jurisdiction:辖区标识（含下级）、unit:单位标识（含下级单位）或 self（干部本人）
  --official 标识    该用户是哪位干部（角色 official 必填）
  --department 部门  会商部门经办人（consultee）答复哪个部门的会商请求，如 audit（该角色必填）
  --locale zh|en     界面语言，默认 zh
${STORE_ZH}
`,
    en: `Usage: rongcuo user add --username U --name NAME (--password-stdin | --password P)
                      --role ROLE --scope jurisdiction:ID|unit:ID|self [--official ID]
                      [--department D]

Creates a user with one role. The password follows the same rules as in the administration pages
(at least 10 characters, a letter and a digit, not the username) and is stored as an argon2id
hash; --password-stdin reads one line from standard input (preferred: the password stays out of
the shell history). The change is recorded in admin_events, its actor the command line and the
operating-system user.

Options:
  --username U     2–64 letters, digits or _ . -
  --name NAME      the name shown
  --role ROLE      official, unit_party, intake, investigator, committee_member,
                   committee_chair, org_liaison, policy_admin, auditor, admin, consultee
  --scope SCOPE    jurisdiction:ID (and below), unit:ID (and its sub-units) or self (an official)
  --official ID    the official this user is (required for the role official)
  --department D   the department a consultee answers for, e.g. audit (required for consultee)
  --locale zh|en   interface language, default zh
${STORE_EN}
`,
  },
  'user passwd': {
    zh: `用法：rongcuo user passwd --username 用户名 (--password-stdin | --password 密码)

重设用户密码（规则同上，argon2id 哈希），同时解除登录锁定并结束该用户的全部会话；操作记入管理日志。

选项：
  --username 用户名  要修改的用户
  --password-stdin   从标准输入读取一行作为新密码（推荐）
  --password 密码    在命令行给出新密码
${STORE_ZH}
`,
    en: `Usage: rongcuo user passwd --username U (--password-stdin | --password P)

Sets a user's password (same rules, argon2id hash), clears any sign-in lock and ends all their
sessions; the change is recorded in admin_events.

Options:
  --username U       the user
  --password-stdin   read the new password from one line of standard input (preferred)
  --password P       the new password on the command line
${STORE_EN}
`,
  },
  'user link-identity': {
    zh: `用法：rongcuo user link-identity 用户名 --provider oidc|cas --subject 外部标识

把统一身份认证平台的账号（平台与平台给该人员的标识）关联到本系统用户：此后该账号登录即为该用户，
权限以本系统授予为准。规则与管理界面相同（一个外部账号只能关联一个用户）；操作记入管理日志
（user.external_link），操作人为“命令行（操作系统用户名）”。

选项：
  --provider oidc|cas  oidc 为 OpenID Connect，cas 为票据方式
  --subject 外部标识    平台给该人员的标识（OpenID Connect 的 sub，或 CAS 用户名）
${STORE_ZH}
`,
    en: `Usage: rongcuo user link-identity USERNAME --provider oidc|cas --subject ID

Links an account of the identity platform (the platform and the id it gives the person) to a
rongcuo user: it then signs in as that user, with that user's grants. The same rules as the
administration pages (an identity links to one user); recorded in admin_events
(user.external_link), its actor the command line and the operating-system user.

Options:
  --provider oidc|cas  oidc: OpenID Connect; cas: CAS tickets
  --subject ID         the id the platform gives the person (OpenID Connect sub, or the CAS user)
${STORE_EN}
`,
  },
  'user unlink-identity': {
    zh: `用法：rongcuo user unlink-identity 用户名 --provider oidc|cas --subject 外部标识

解除关联：该账号此后不能登录，经该账号登录的会话随即结束（安全事件 session.ended_by_admin 记录
结束的会话数）；操作记入管理日志（user.external_unlink）。
${STORE_ZH}
`,
    en: `Usage: rongcuo user unlink-identity USERNAME --provider oidc|cas --subject ID

Unlinks the account: its next sign-in is refused and the sessions it opened end (a security event
session.ended_by_admin with their count); recorded in admin_events (user.external_unlink).
${STORE_EN}
`,
  },
  'user identities': {
    zh: `用法：rongcuo user identities [用户名]

列出该用户关联的统一身份认证账号（平台、外部标识、平台姓名、关联人、关联时间、最近登录，北京时间）；
不给用户名时列出全部用户的。
${STORE_ZH}
`,
    en: `Usage: rongcuo user identities [USERNAME]

Lists the identity-platform accounts linked to the user (platform, id, the platform's name for the
person, who linked it, when, the last sign-in; Beijing time); without a username, those of every
user.
${STORE_EN}
`,
  },
  'user reset-totp': {
    zh: `用法：rongcuo user reset-totp 用户名

重置用户的动态口令：密钥和恢复码作废，该用户的会话全部结束，下次登录时须重新绑定。供安全管理员
手机丢失、又无恢复码、无人能在管理界面重置时在服务器上使用（服务器控制台即运维人员的权限）；
记入管理日志（user.totp_reset）和安全事件（totp.reset），操作人为“命令行（操作系统用户名）”。
${STORE_ZH}
`,
    en: `Usage: rongcuo user reset-totp USERNAME

Resets the user's one-time codes: the secret and the recovery codes go, all their sessions end,
and they set the codes up again at the next sign-in. The break-glass for a security
administrator's lost phone with no recovery codes and nobody to reset it in the administration
pages (the server's console is the operator's); recorded in admin_events (user.totp_reset) and
the security events (totp.reset), its actor the command line and the operating-system user.
${STORE_EN}
`,
  },
  'export results': {
    zh: `用法：rongcuo export results --out 文件 [--format xlsx|csv|lrmx] [--jurisdiction 辖区]
                              [--unit 单位] [--from 日期] [--to 日期] [--data 目录]

导出现行有效认定的结果运用情况，供干部人事和考核系统使用：干部姓名、身份证号码、单位职务、认定书
文号、认定日期和结论、不受影响的事项、影响期及截止日期、纠错要求，以及按干部任免审批表写法生成的
“奖惩情况”和“年度考核结果”说明。身份证号码完整导出，用于与人事档案匹配，请妥善保管导出文件。

选项：
  --out 文件         写入的文件
  --format 格式      xlsx（Excel 工作簿，默认）、csv（UTF-8）或 lrmx（任免审批表字段的 XML）
  --jurisdiction ID  只导出该辖区及其下级辖区的案件
  --unit ID          只导出该单位及其下级单位干部的案件
  --from, --to 日期  认定日期的起止（YYYY-MM-DD，含当日）
${STORE_ZH}
`,
    en: `Usage: rongcuo export results --out FILE [--format xlsx|csv|lrmx] [--jurisdiction ID]
                              [--unit ID] [--from DATE] [--to DATE] [--data DIR]

Exports the result applications of the determinations in force for the HR and assessment systems:
the official's name, identity card number, unit and post, the determination's number, day and
outcome, the matters left unaffected, the impact period and its end, the correction asked for, and
notes for "rewards and penalties" and "annual assessment" as the appointment form writes them. The
identity card number is written in full to match the officials' records: keep the file safe.

Options:
  --out FILE         the file to write
  --format F         xlsx (Excel workbook, default), csv (UTF-8) or lrmx (XML in the appointment
                     form's field names)
  --jurisdiction ID  only cases of this jurisdiction and those below it
  --unit ID          only officials of this unit and the units below it
  --from, --to DATE  the period the determination was made in (YYYY-MM-DD, inclusive)
${STORE_EN}
`,
  },
  'evaluation analyze': {
    zh: `用法：rongcuo evaluation analyze --responses 文件.csv [--instrument 量表ID|文件]
                                  [--missing pairwise|listwise] [--json]

按政策执行评估模型（动力—过程—环境，种子文献 000）分析干部问卷的答卷，不需要存储：各因子的
均值及 95% 置信区间；信度（Cronbach α 原始值和标准化值、各题的题总相关和删除该题后的 α、
McDonald ω：各因子按单因子 minres 拟合的 ω_t，整份量表按 minres、oblimin、Schmid–Leiman 的 ω_h
和 ω_t，与 R 语言 psych 包的定义一致）；平行分析建议的因子数和各因子题目的归属；支持与乐观之差
的配对 t 检验及效应量；信心（乐观）和担当作为意愿对各因子得分的 OLS 回归；促进因素和阻碍因素。

答卷文件每行一份答卷，第一行为题目编号；未作答留空（或 NA）；其他列（如人口学变量）不参与分析。

选项：
  --responses 文件   答卷 CSV 文件（UTF-8；“-”表示标准输入）
  --instrument 值    随附量表的 ID（默认 seed000-v1），或一个文件：分析用的 JSON
                     {"scale":{"min":1,"max":6},"factors":[{"id":"C","items":["C1",…],
                     "reversed":["C4","C5"]},…]}，或 YAML/JSON 格式的完整量表
  --missing 方式     pairwise：成对删除，使用每道已作答的题（默认，与 psych 相同）；
                     listwise：整行删除，只用全部作答的答卷
  --json             输出机器可读的 JSON
输入有误时输出一行说明，退出码为 2。
`,
    en: `Usage: rongcuo evaluation analyze --responses FILE.csv [--instrument ID|FILE]
                                  [--missing pairwise|listwise] [--json]

Analyses cadres' survey responses on the implementation model (motivation → process →
environment, seed paper 000), with no store: each scale's mean with its 95% CI; reliability
(Cronbach's alpha raw and standardized, item–rest correlations and alpha if an item is dropped,
McDonald's omega — each scale's omega total from a one-factor minres fit, the whole instrument's
omega hierarchical and total from minres, oblimin and Schmid–Leiman, as R's psych defines them);
the number of factors parallel analysis suggests and where each scale's items load; the
support–optimism gap (paired t test, effect size); OLS regressions of optimism and of willingness
to act on the factor scores; the promoting and the blocking factors.

One response per row, the first line naming the items; a blank (or NA) for no answer; other
columns (demographics, say) are not analysed.

Options:
  --responses FILE   the responses, CSV in UTF-8 ("-" for standard input)
  --instrument X     a shipped instrument's id (default seed000-v1), or a file: the analysis's JSON
                     {"scale":{"min":1,"max":6},"factors":[{"id":"C","items":["C1",…],
                     "reversed":["C4","C5"]},…]}, or a whole instrument in YAML or JSON
  --missing M        pairwise: use every answer given (default, as psych); listwise: only
                     complete responses
  --json             machine-readable JSON
Bad input: one line saying what is wrong, exit code 2.
`,
  },
  'audit verify': {
    zh: `用法：rongcuo audit verify [--data 目录]

逐案校验审计记录的哈希链：每条记录的哈希、与前一条的链接、案件记录的链头。全部完好时退出码为
0；发现断裂时退出码为 1，并指出第一处断裂（案件编号、记录序号和标识、类型）；其他任何原因未能完成
校验（存储打不开、被其他进程锁定、尚未初始化等）时退出码为 2。案件较多时在标准错误输出显示进度。

选项：
  --json           以 JSON 输出结果
${STORE_ZH}
`,
    en: `Usage: rongcuo audit verify [--data DIR]

Verifies the hash chain of every case's audit trail: each event's hash, its link to the previous
one and the head kept on the case. Exits 0 when all are intact, 1 only for a broken chain, naming
the first break (case number, event seq and id, kind), and 2 when the check could not be done for
any other reason (the store cannot be opened, is locked by another process or was never migrated).
Shows progress on standard error for large stores.

Options:
  --json           print the result as JSON
${STORE_EN}
`,
  },
  'keys status': {
    zh: `用法：rongcuo keys status [--data 目录] [--json]

按算法和密钥编号列出已存储的上传文件（证据材料、整改佐证材料）及其大小，新文件的存储方式
（RONGCUO_ENCRYPTION、RONGCUO_ENCRYPTION_KEY_ID），尚未以当前密钥加密的文件数，密钥环中缺少的
密钥（以其加密的文件无法读取；此时退出码为 1），以及已无文件使用、可以从密钥环移除的密钥。

选项：
  --json           以 JSON 输出
${STORE_ZH}
`,
    en: `Usage: rongcuo keys status [--data DIR] [--json]

Lists the stored uploaded files (evidence, correction files) by algorithm and key id with their
size, how new files are stored (RONGCUO_ENCRYPTION, RONGCUO_ENCRYPTION_KEY_ID), how many files are
not yet under the current key, the keys the ring lacks (the files under them cannot be read; exit
code 1 then) and the keys no file uses any more, which may leave the ring.

Options:
  --json           print JSON
${STORE_EN}
`,
  },
  'keys rotate': {
    zh: `用法：rongcuo keys rotate [--data 目录] [--batch 数量] [--json]

以当前密钥（RONGCUO_ENCRYPTION_KEY_ID）和算法重新加密所有尚未如此存储的文件：轮换密钥后、开启
加密前已存储的明文文件、更换算法后。分批进行，每批一个短事务，服务可照常读写；中断后再次运行即
从剩余文件继续。解密所需的旧密钥须仍在密钥环中。完成后 keys status 列出可以移除的旧密钥。使用
PostgreSQL 时可在服务运行期间执行；内嵌存储由运行中的服务以后台任务自动完成。

选项：
  --batch 数量     每批文件数，默认 50（每批另以 32 MiB 为限）
  --json           以 JSON 输出
${STORE_ZH}
`,
    en: `Usage: rongcuo keys rotate [--data DIR] [--batch N] [--json]

Re-encrypts every file not yet stored under the current key (RONGCUO_ENCRYPTION_KEY_ID) and
algorithm: after a key rotation, files stored in clear before encryption was turned on, after a
change of algorithm. In batches, each a short transaction, while the service reads and writes as
usual; run it again after an interruption and it goes on with the files left. The old keys must
still be in the ring to decrypt. Afterwards keys status lists the old keys that may be removed. On
PostgreSQL it runs beside the servers; with the embedded store the running server does it itself
as a background job.

Options:
  --batch N        files per batch, default 50 (a batch also ends after 32 MiB)
  --json           print JSON
${STORE_EN}
`,
  },
  'jobs run-once': {
    zh: `用法：rongcuo jobs run-once [--data 目录]

运行此刻已到期的后台任务后退出，包括每日的纠错提醒（07:00 北京时间）。rongcuo serve 默认已在进程内
每分钟运行一次；若以 --no-jobs 启动服务，可由定时任务（cron）调用本命令。与运行中的服务并用也安全：
每个任务只由一个进程领取并运行。失败的任务按退避间隔自动重试，错误保存在任务表中。进度显示在
标准错误输出；有任务失败时退出码为 1。
${STORE_ZH}
`,
    en: `Usage: rongcuo jobs run-once [--data DIR]

Runs the background jobs due now, then exits; among them the daily correction reminders (07:00
China time). rongcuo serve already runs them in-process every minute; when servers run with
--no-jobs, call this from cron instead. Safe beside running servers: each job is claimed and run
by one process. A failed job is retried later with backoff, its error kept in the jobs table.
Progress on standard error; exits 1 when a job failed.
${STORE_EN}
`,
  },
};

const GROUPS: Record<string, { zh: string; en: string }> = {
  evaluation: {
    zh: `用法：rongcuo evaluation <子命令> [选项]

子命令：
  evaluation analyze   分析干部问卷答卷（CSV）

运行 rongcuo evaluation analyze --help 查看选项。
`,
    en: `Usage: rongcuo evaluation <command> [options]

Commands:
  evaluation analyze   analyse survey responses (CSV)

Run rongcuo evaluation analyze --help for the options.
`,
  },
  export: {
    zh: `用法：rongcuo export <子命令> [选项]

子命令：
  export results   导出认定结果运用情况

运行 rongcuo export results --help 查看选项。
`,
    en: `Usage: rongcuo export <command> [options]

Commands:
  export results   export the result applications of the determinations in force

Run rongcuo export results --help for the options.
`,
  },
  policy: {
    zh: `用法：rongcuo policy <子命令> [选项]

子命令：
  policy eval       按策略包评估一组事实，并说明理由
  policy check      检查策略包（格式、引用、逻辑）
  policy test       运行策略包旁的场景测试 scenarios.yaml
  policy simulate   用一批案例比较已发布版本与候选版本的结果变化
  policy list       列出策略包、版本和可用的事实
  policy show       显示一个策略包；加 --procedure 显示合并后的办理程序和时限

运行 rongcuo policy <子命令> --help 查看各子命令的选项。
`,
    en: `Usage: rongcuo policy <command> [options]

Commands:
  policy eval       evaluate a fact set against a pack and explain why
  policy check      check policy packs (format, references, logic)
  policy test       run the scenario tests (scenarios.yaml) beside each pack
  policy simulate   replay cases under the published versions and a candidate, count changes
  policy list       list packs, their versions and the facts they use
  policy show       show one pack; with --procedure its merged procedure and time limits

Run rongcuo policy <command> --help for the options of each command.
`,
  },
  user: {
    zh: `用法：rongcuo user <子命令> [选项]

子命令：
  user add              新建用户并授予一个角色
  user passwd           重设用户密码
  user link-identity    把统一身份认证账号关联到用户
  user unlink-identity  解除关联，并结束经该账号登录的会话
  user identities       列出用户（或全部用户）关联的统一身份认证账号
  user reset-totp       重置用户的动态口令

运行 rongcuo user <子命令> --help 查看选项。
`,
    en: `Usage: rongcuo user <command> [options]

Commands:
  user add              create a user with one role
  user passwd           set a user's password
  user link-identity    link an identity-platform account to a user
  user unlink-identity  unlink it, ending the sessions it opened
  user identities       list the identity-platform accounts of a user (or of all users)
  user reset-totp       reset a user's one-time codes

Run rongcuo user <command> --help for the options.
`,
  },
  jobs: {
    zh: `用法：rongcuo jobs <子命令> [选项]

子命令：
  jobs run-once   运行已到期的后台任务

运行 rongcuo jobs run-once --help 查看选项。
`,
    en: `Usage: rongcuo jobs <command> [options]

Commands:
  jobs run-once   run the background jobs that are due

Run rongcuo jobs run-once --help for the options.
`,
  },
  keys: {
    zh: `用法：rongcuo keys <子命令> [选项]

子命令：
  keys status    查看上传文件的加密存储情况
  keys rotate    以当前密钥重新加密旧文件

运行 rongcuo keys status --help 查看选项。
`,
    en: `Usage: rongcuo keys <command> [options]

Commands:
  keys status    how uploaded files are stored encrypted
  keys rotate    re-encrypt older files under the current key

Run rongcuo keys status --help for the options.
`,
  },
  audit: {
    zh: `用法：rongcuo audit <子命令> [选项]

子命令：
  audit verify   校验全部案件审计记录的哈希链

运行 rongcuo audit verify --help 查看选项。
`,
    en: `Usage: rongcuo audit <command> [options]

Commands:
  audit verify   verify the hash chain of every case's audit trail

Run rongcuo audit verify --help for the options.
`,
  },
};

export function topHelp(lang: Lang): string {
  return TOP[lang];
}

export function policyHelp(lang: Lang): string {
  return GROUPS.policy![lang];
}

/** Help of a command word with sub-commands: policy, user, audit. */
export function groupHelp(group: string, lang: Lang): string {
  return GROUPS[group]?.[lang] ?? TOP[lang];
}

/** Help of one command: 'policy eval', 'serve', 'user add', … */
export function commandHelp(command: string, lang: Lang): string {
  const policy = command.startsWith('policy ') ? command.slice('policy '.length) : undefined;
  if (policy !== undefined) return COMMANDS[policy]?.[lang] ?? TOP[lang];
  return STORE_COMMANDS[command]?.[lang] ?? COMMANDS[command]?.[lang] ?? TOP[lang];
}

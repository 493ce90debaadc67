/**
 * The rongcuo command line. `run` does the work against an Io (testable in-process); `main` wires
 * it to the process. Exit codes: 0 success, 1 check or test findings or a failed operation (the
 * store cannot be opened, the audit chain is broken), 2 bad usage or input, 70 internal error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closest, formatDiagnostic, PolicyError } from '../policy/errors.js';
import type { Lang } from '../policy/model.js';
import { optFlag, optString, parseArgs, type OptSpec, type ParsedArgs } from './args.js';
import { CHECK_OPTS, checkCommand } from './commands/check.js';
import type { CommandContext } from './commands/context.js';
import { EVAL_OPTS, evalCommand } from './commands/eval.js';
import { LIST_OPTS, listCommand } from './commands/list.js';
import { SHOW_OPTS, showCommand } from './commands/show.js';
import { SIMULATE_OPTS, simulateCommand } from './commands/simulate.js';
import { TEST_OPTS, testCommand } from './commands/test.js';
import { CliError, cliFail } from './errors.js';
import { commandHelp, groupHelp, topHelp } from './help.js';
import type { Io } from './io.js';
import { asCliError } from './store.js';
import { joinMessages, oneLine } from './text.js';

export type { Io, Writer } from './io.js';

interface Command {
  readonly opts: OptSpec;
  /** Most positional arguments accepted. */
  readonly positionals: number;
  readonly run: (ctx: CommandContext) => Promise<number>;
}

/**
 * A command whose module is loaded only when it runs: the store, the server and their
 * dependencies stay out of the start-up of every other command.
 */
interface LazyCommand {
  readonly positionals: number;
  readonly load: () => Promise<{ opts: OptSpec; run: (ctx: CommandContext) => Promise<number> }>;
}

const lazy = <M>(
  positionals: number,
  load: () => Promise<M>,
  pick: (m: M) => { opts: OptSpec; run: (ctx: CommandContext) => Promise<number> },
): LazyCommand => ({ positionals, load: async () => pick(await load()) });

/** A command word with sub-commands (`policy eval`, `user add`). */
interface Group {
  readonly commands: Readonly<Record<string, Command | LazyCommand>>;
}

const POLICY: Group = {
  commands: {
    eval: { opts: EVAL_OPTS, positionals: 0, run: evalCommand },
    check: { opts: CHECK_OPTS, positionals: Infinity, run: checkCommand },
    test: { opts: TEST_OPTS, positionals: 1, run: testCommand },
    simulate: { opts: SIMULATE_OPTS, positionals: 0, run: simulateCommand },
    list: { opts: LIST_OPTS, positionals: Infinity, run: listCommand },
    show: { opts: SHOW_OPTS, positionals: 1, run: showCommand },
  },
};

const TOP: Readonly<Record<string, Command | LazyCommand | Group>> = {
  policy: POLICY,
  serve: lazy(
    0,
    () => import('./commands/serve.js'),
    (m) => ({ opts: m.SERVE_OPTS, run: m.serveCommand }),
  ),
  config: lazy(
    0,
    () => import('./commands/config.js'),
    (m) => ({ opts: m.CONFIG_OPTS, run: m.configCommand }),
  ),
  migrate: lazy(
    0,
    () => import('./commands/migrate.js'),
    (m) => ({ opts: m.MIGRATE_OPTS, run: m.migrateCommand }),
  ),
  backup: lazy(
    0,
    () => import('./commands/backup.js'),
    (m) => ({ opts: m.BACKUP_OPTS, run: m.backupCommand }),
  ),
  restore: lazy(
    1,
    () => import('./commands/backup.js'),
    (m) => ({ opts: m.RESTORE_OPTS, run: m.restoreCommand }),
  ),
  demo: lazy(
    0,
    () => import('./commands/demo.js'),
    (m) => ({ opts: m.DEMO_OPTS, run: m.demoCommand }),
  ),
  user: {
    commands: {
      add: lazy(
        0,
        () => import('./commands/user.js'),
        (m) => ({ opts: m.USER_ADD_OPTS, run: m.userAddCommand }),
      ),
      passwd: lazy(
        0,
        () => import('./commands/user.js'),
        (m) => ({ opts: m.USER_PASSWD_OPTS, run: m.userPasswdCommand }),
      ),
      'link-identity': lazy(
        1,
        () => import('./commands/user-identities.js'),
        (m) => ({ opts: m.USER_IDENTITY_OPTS, run: m.userLinkIdentityCommand }),
      ),
      'unlink-identity': lazy(
        1,
        () => import('./commands/user-identities.js'),
        (m) => ({ opts: m.USER_IDENTITY_OPTS, run: m.userUnlinkIdentityCommand }),
      ),
      identities: lazy(
        1,
        () => import('./commands/user-identities.js'),
        (m) => ({ opts: m.USER_IDENTITIES_OPTS, run: m.userIdentitiesCommand }),
      ),
      'reset-totp': lazy(
        1,
        () => import('./commands/user-identities.js'),
        (m) => ({ opts: m.USER_RESET_TOTP_OPTS, run: m.userResetTotpCommand }),
      ),
    },
  },
  export: {
    commands: {
      results: lazy(
        0,
        () => import('./commands/export.js'),
        (m) => ({ opts: m.EXPORT_RESULTS_OPTS, run: m.exportResultsCommand }),
      ),
    },
  },
  jobs: {
    commands: {
      'run-once': lazy(
        0,
        () => import('./commands/jobs.js'),
        (m) => ({ opts: m.JOBS_RUN_ONCE_OPTS, run: m.jobsRunOnceCommand }),
      ),
    },
  },
  evaluation: {
    commands: {
      analyze: lazy(
        0,
        () => import('./commands/evaluation.js'),
        (m) => ({ opts: m.EVALUATION_ANALYZE_OPTS, run: m.evaluationAnalyzeCommand }),
      ),
    },
  },
  audit: {
    commands: {
      verify: lazy(
        0,
        () => import('./commands/audit.js'),
        (m) => ({ opts: m.AUDIT_VERIFY_OPTS, run: m.auditVerifyCommand }),
      ),
    },
  },
  keys: {
    commands: {
      status: lazy(
        0,
        () => import('./commands/keys.js'),
        (m) => ({ opts: m.KEYS_STATUS_OPTS, run: m.keysStatusCommand }),
      ),
      rotate: lazy(
        0,
        () => import('./commands/keys.js'),
        (m) => ({ opts: m.KEYS_ROTATE_OPTS, run: m.keysRotateCommand }),
      ),
    },
  },
};

const isGroup = (c: Command | LazyCommand | Group): c is Group => 'commands' in c;

const EXIT_OK = 0;
const EXIT_USAGE = 2;
const EXIT_INTERNAL = 70;

export async function main(argv: string[]): Promise<number> {
  // A closed pipe (e.g. `| head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`rongcuo: internal error: cannot write the output: ${e.message}\n`);
    process.exit(EXIT_INTERNAL);
  });
  return run(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
  });
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  let lang: Lang = 'zh';
  try {
    lang = languageOf(argv, io.env);
    return await dispatch(argv, io, lang);
  } catch (e) {
    return reportError(e, io, lang);
  }
}

async function dispatch(argv: readonly string[], io: Io, lang: Lang): Promise<number> {
  const print = (text: string) => {
    io.stdout.write(text);
    return EXIT_OK;
  };
  const top = parseArgs(argv, {}, { stopAtPositional: true });
  if (optFlag(top, 'version')) return print(`rongcuo ${packageVersion()}\n`);
  const group = top.rest[0];
  if (group === undefined || group === 'help') {
    if (optFlag(top, 'help') || group === 'help') return print(topHelp(lang));
    cliFail(
      '缺少命令。运行 rongcuo --help 查看用法。',
      'no command given. Run rongcuo --help for usage.',
    );
  }
  const entry = TOP[group];
  if (!entry) {
    const hint = closest(group, Object.keys(TOP));
    cliFail(
      `未知命令“${group}”。${hint ? `是否应为“${hint}”？` : ''}运行 rongcuo --help 查看用法。`,
      `unknown command '${group}'. ${hint ? `Did you mean '${hint}'? ` : ''}Run rongcuo --help for usage.`,
    );
  }
  if (!isGroup(entry)) {
    return runCommand(group, entry, top.rest.slice(1), optFlag(top, 'help'), io, lang);
  }
  const second = parseArgs(top.rest.slice(1), {}, { stopAtPositional: true });
  if (optFlag(second, 'version')) return print(`rongcuo ${packageVersion()}\n`);
  const sub = second.rest[0];
  const wantsHelp = optFlag(top, 'help') || optFlag(second, 'help');
  const names = Object.keys(entry.commands);
  const listZh =
    names.length > 2 ? `${names.slice(0, -1).join('、')} 或 ${names.at(-1)}` : names.join(' 或 ');
  const listEn =
    names.length > 2 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join(' or ');
  if (sub === undefined || sub === 'help') {
    if (wantsHelp || sub === 'help') return print(groupHelp(group, lang));
    cliFail(
      `缺少子命令：${listZh}。运行 rongcuo ${group} --help 查看用法。`,
      `no command given: ${listEn}. Run rongcuo ${group} --help for usage.`,
    );
  }
  const command = entry.commands[sub];
  if (!command) {
    const hint = closest(sub, names);
    cliFail(
      `未知子命令“${group} ${sub}”。${hint ? `是否应为“${group} ${hint}”？` : ''}可用：${names.join('、')}。`,
      `unknown command '${group} ${sub}'. ${hint ? `Did you mean '${group} ${hint}'? ` : ''}Available: ${names.join(', ')}.`,
    );
  }
  return runCommand(`${group} ${sub}`, command, second.rest.slice(1), wantsHelp, io, lang);
}

async function runCommand(
  name: string,
  entry: Command | LazyCommand,
  tokens: readonly string[],
  wantsHelp: boolean,
  io: Io,
  lang: Lang,
): Promise<number> {
  const print = (text: string) => {
    io.stdout.write(text);
    return EXIT_OK;
  };
  if (wantsHelp) return print(commandHelp(name, lang));
  const command =
    'load' in entry ? { ...(await entry.load()), positionals: entry.positionals } : entry;
  const args: ParsedArgs = parseArgs(tokens, command.opts);
  if (optFlag(args, 'help')) return print(commandHelp(name, lang));
  if (optFlag(args, 'version')) return print(`rongcuo ${packageVersion()}\n`);
  if (args.positionals.length > command.positionals) {
    const extra = args.positionals[command.positionals]!;
    cliFail(
      `rongcuo ${name} 不接受多余的参数“${extra}”。运行 rongcuo ${name} --help 查看用法。`,
      `rongcuo ${name} does not take the argument '${extra}'. Run rongcuo ${name} --help for usage.`,
    );
  }
  const chosen = optString(args, 'lang');
  return command.run({ io, lang: chosen ? parseLang(chosen, '--lang') : lang, args });
}

/** The output language: --lang, else RONGCUO_LANG, else Chinese. */
function languageOf(argv: readonly string[], env: Io['env']): Lang {
  let lang: Lang = 'zh';
  const fromEnv = env.RONGCUO_LANG;
  if (fromEnv !== undefined && fromEnv.trim() !== '') lang = parseLang(fromEnv, 'RONGCUO_LANG');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang' && argv[i + 1] !== undefined) lang = parseLang(argv[i + 1]!, '--lang');
    else if (a.startsWith('--lang=')) lang = parseLang(a.slice('--lang='.length), '--lang');
  }
  return lang;
}

function parseLang(value: string, where: string): Lang {
  const v = value.trim().toLowerCase();
  if (v === 'zh' || v.startsWith('zh-') || v.startsWith('zh_')) return 'zh';
  if (v === 'en' || v.startsWith('en-') || v.startsWith('en_')) return 'en';
  throw new CliError({
    zh: `${where} 的取值“${value}”无效，应为 zh 或 en。`,
    en: `${where} must be zh or en, not '${value}'.`,
  });
}

function reportError(e: unknown, io: Io, lang: Lang): number {
  const line = (text: string) => io.stderr.write(`rongcuo: ${oneLine(text)}\n`);
  if (e instanceof CliError) {
    line(e.text[lang]);
    return e.exitCode;
  }
  if (e instanceof PolicyError) {
    line(policyErrorLine(e, lang));
    return EXIT_USAGE;
  }
  const known = asCliError(e);
  if (known) {
    line(known.text[lang]);
    return known.exitCode;
  }
  const message = e instanceof Error ? e.message : String(e);
  line(`internal error: ${message}`);
  if (io.env.RONGCUO_DEBUG && e instanceof Error && e.stack) io.stderr.write(e.stack + '\n');
  return EXIT_INTERNAL;
}

/** One line for a PolicyError: the first problem, with the others counted (or, for facts, listed). */
export function policyErrorLine(e: PolicyError, lang: Lang): string {
  const [first, ...rest] = e.diagnostics;
  if (!first) return e.message;
  const head = formatDiagnostic(first, lang);
  if (rest.length === 0) return head;
  if (e.diagnostics.every((d) => d.code.startsWith('FACTS_'))) {
    return joinMessages([head, ...rest.map((d) => d.message[lang])], lang);
  }
  if (first.code.startsWith('INSTRUMENT_')) {
    return lang === 'zh'
      ? `${head}（另有 ${rest.length} 个问题，改正后再次运行可逐一看到）`
      : `${head} (and ${rest.length} more, shown in turn as each is fixed)`;
  }
  return lang === 'zh'
    ? `${head}（另有 ${rest.length} 个问题；运行 rongcuo policy check 查看全部）`
    : `${head} (and ${rest.length} more; run rongcuo policy check to see them all)`;
}

let cachedVersion: string | undefined;

/** The version in package.json (found from src/cli under Vitest and from dist/src/cli). */
export function packageVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'rongcuo' && pkg.version) return (cachedVersion = pkg.version);
    }
    dir = dirname(dir);
  }
  return (cachedVersion = 'unknown');
}

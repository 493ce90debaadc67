/**
 * A small command-line parser: `--opt value`, `--opt=value`, flags, `-h`, positional arguments
 * and `--` to end the options. Unknown options are refused with a suggestion.
 */
import { closest } from '../policy/errors.js';
import { cliFail } from './errors.js';

export type OptKind = 'string' | 'flag';
export type OptSpec = Readonly<Record<string, OptKind>>;

export interface ParsedArgs {
  readonly opts: ReadonlyMap<string, string | true>;
  readonly positionals: readonly string[];
}

/** Options every command accepts. */
export const GLOBAL_OPTS: OptSpec = { help: 'flag', version: 'flag', lang: 'string' };

const SHORT: Readonly<Record<string, string>> = { h: 'help' };

export interface ParseOptions {
  /** Stop at the first positional argument and return the rest untouched (for command words). */
  readonly stopAtPositional?: boolean;
}

export interface ParseResult extends ParsedArgs {
  /** With stopAtPositional: the tokens from the first positional on. */
  readonly rest: readonly string[];
}

export function parseArgs(
  tokens: readonly string[],
  spec: OptSpec,
  po: ParseOptions = {},
): ParseResult {
  const opts = new Map<string, string | true>();
  const positionals: string[] = [];
  const all: OptSpec = { ...GLOBAL_OPTS, ...spec };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok === '--') {
      positionals.push(...tokens.slice(i + 1));
      break;
    }
    if (tok === '-' || !tok.startsWith('-')) {
      if (po.stopAtPositional) return { opts, positionals, rest: tokens.slice(i) };
      positionals.push(tok);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (tok.startsWith('--')) {
      const eq = tok.indexOf('=');
      name = eq >= 0 ? tok.slice(2, eq) : tok.slice(2);
      inline = eq >= 0 ? tok.slice(eq + 1) : undefined;
    } else {
      const short = SHORT[tok.slice(1)];
      if (!short) unknownOption(tok, all);
      name = short;
    }
    const kind = all[name];
    if (!kind) unknownOption(tok, all);
    if (opts.has(name)) {
      cliFail(`选项 --${name} 重复给出。`, `option --${name} is given more than once.`);
    }
    if (kind === 'flag') {
      if (inline !== undefined) {
        cliFail(
          `选项 --${name} 是开关，不接受取值。`,
          `option --${name} is a flag and takes no value.`,
        );
      }
      opts.set(name, true);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = tokens[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        cliFail(`选项 --${name} 需要一个取值。`, `option --${name} needs a value.`);
      }
      value = next;
      i++;
    }
    if (value === '')
      cliFail(`选项 --${name} 的取值为空。`, `option --${name} has an empty value.`);
    opts.set(name, value);
  }
  return { opts, positionals, rest: [] };
}

function unknownOption(tok: string, spec: OptSpec): never {
  const name = tok.replace(/^-+/, '').split('=')[0] ?? '';
  const hint = closest(name, Object.keys(spec));
  cliFail(
    `不认识的选项 ${tok.split('=')[0]}。${hint ? `是否应为 --${hint}？` : ''}运行时加 --help 查看用法。`,
    `unknown option ${tok.split('=')[0]}. ${hint ? `Did you mean --${hint}? ` : ''}Use --help for usage.`,
  );
}

/** A string option's value, if given. */
export function optString(a: ParsedArgs, name: string): string | undefined {
  const v = a.opts.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function optFlag(a: ParsedArgs, name: string): boolean {
  return a.opts.get(name) === true;
}

export function requireString(a: ParsedArgs, name: string, command: string): string {
  const v = optString(a, name);
  if (v === undefined) {
    cliFail(
      `${command} 缺少必需的选项 --${name}。运行 ${command} --help 查看用法。`,
      `${command} needs the option --${name}. Run ${command} --help for usage.`,
    );
  }
  return v;
}

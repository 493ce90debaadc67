/**
 * How a setting is declared: its environment variable, an optional CLI flag of `rongcuo serve`,
 * its default, what it means in zh and en, and how its text is read. Every setting of the
 * installation is declared once, in an area file under ./areas; the configuration reference
 * (docs/operations.md, and `rongcuo config`) is made from these declarations.
 */
import type { I18nText } from '../policy/model.js';

/** A setting's value could not be read: names the variable, what was wrong and what is allowed. */
export class ConfigError extends Error {
  constructor(readonly text: I18nText) {
    super(text.en);
    this.name = 'ConfigError';
  }
}

export interface SettingDoc {
  /** The environment variable, e.g. RONGCUO_SESSION_IDLE_MINUTES. */
  readonly env: string;
  /** The `rongcuo serve` flag that sets it too (the flag wins over the variable). */
  readonly flag?: string;
  /** The default as written in the reference. */
  readonly default: string;
  /** What the setting means and what values it takes. */
  readonly text: I18nText;
  /** A secret (a key, a client secret): `rongcuo config` never prints its value. */
  readonly secret?: boolean;
}

export interface Setting<T> {
  readonly doc: SettingDoc;
  /** Reads the raw text (undefined or '' when unset → the default). Throws ConfigError. */
  parse(raw: string | undefined): T;
}

function bad(env: string, raw: string, zh: string, en: string): ConfigError {
  return new ConfigError({
    zh: `配置项 ${env} 的值“${raw}”无效：${zh}`,
    en: `The setting ${env} has the invalid value '${raw}': ${en}`,
  });
}

interface Common {
  readonly flag?: string;
  readonly text: I18nText;
}

export function intSetting(
  env: string,
  o: Common & { default: number; min: number; max: number; unit?: I18nText },
): Setting<number> {
  return {
    doc: { env, flag: o.flag, default: String(o.default), text: o.text },
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return o.default;
      const t = raw.trim();
      const n = Number(t);
      if (!/^-?\d+$/.test(t) || n < o.min || n > o.max) {
        throw bad(
          env,
          raw,
          `应为 ${o.min} 到 ${o.max} 之间的整数。`,
          `it must be a whole number from ${o.min} to ${o.max}.`,
        );
      }
      return n;
    },
  };
}

export function boolSetting(env: string, o: Common & { default: boolean }): Setting<boolean> {
  return {
    doc: { env, flag: o.flag, default: String(o.default), text: o.text },
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return o.default;
      const t = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(t)) return true;
      if (['0', 'false', 'no', 'off'].includes(t)) return false;
      throw bad(env, raw, '应为 true 或 false。', 'it must be true or false.');
    },
  };
}

export function enumSetting<const V extends string>(
  env: string,
  o: Common & { default: V; values: readonly V[] },
): Setting<V> {
  return {
    doc: { env, flag: o.flag, default: o.default, text: o.text },
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return o.default;
      const t = raw.trim();
      if ((o.values as readonly string[]).includes(t)) return t as V;
      throw bad(
        env,
        raw,
        `应为 ${o.values.join('、')} 之一。`,
        `it must be one of ${o.values.join(', ')}.`,
      );
    },
  };
}

/** Free text; `undefined` when unset and no default is given. */
export function stringSetting(
  env: string,
  o: Common & { default?: string; secret?: boolean },
): Setting<string | undefined> {
  return {
    doc: {
      env,
      flag: o.flag,
      default: o.default ?? '',
      text: o.text,
      ...(o.secret ? { secret: true } : {}),
    },
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return o.default;
      return raw.trim();
    },
  };
}

/** A comma-separated list; empty when unset. */
export function listSetting(
  env: string,
  o: Common & { default?: readonly string[] },
): Setting<string[]> {
  return {
    doc: { env, flag: o.flag, default: (o.default ?? []).join(','), text: o.text },
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return [...(o.default ?? [])];
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    },
  };
}

/** An area's settings: name → Setting. */
export type Area = Readonly<Record<string, Setting<unknown>>>;
/** The values an area's settings read to. */
export type AreaValues<A extends Area> = { readonly [K in keyof A]: ReturnType<A[K]['parse']> };

/** Reads every setting of an area from the environment (and flags, which win). */
export function readArea<A extends Area>(
  area: A,
  env: Readonly<Record<string, string | undefined>>,
  flags: Readonly<Record<string, string | undefined>> = {},
): AreaValues<A> {
  const out: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(area)) {
    const flag = setting.doc.flag;
    const fromFlag = flag !== undefined && flags[flag] !== undefined;
    try {
      out[name] = setting.parse(fromFlag ? flags[flag!] : env[setting.doc.env]);
    } catch (e) {
      if (!fromFlag || !(e instanceof ConfigError)) throw e;
      // A value given as a flag is named by the flag too.
      const env = setting.doc.env;
      throw new ConfigError({
        zh: e.text.zh.replace(`配置项 ${env}`, `选项 --${flag}（配置项 ${env}）`),
        en: e.text.en.replace(`The setting ${env}`, `The option --${flag} (setting ${env})`),
      });
    }
  }
  return out as AreaValues<A>;
}

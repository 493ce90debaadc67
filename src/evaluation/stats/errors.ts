/**
 * Errors of the statistics. Bad input (ragged rows, a value off the scale, too few respondents, a
 * constant item, a singular regression) is never answered with NaN: it throws a `StatsError` with
 * a stable code and a message in zh and en saying what is wrong, where, and what to do.
 */

export class StatsError extends Error {
  /** Stable code, e.g. STATS_TOO_FEW_ROWS. Never reworded once published. */
  readonly code: string;
  readonly zh: string;
  readonly en: string;

  constructor(code: string, zh: string, en: string) {
    super(`${code}: ${en}`);
    this.name = 'StatsError';
    this.code = code;
    this.zh = zh;
    this.en = en;
  }

  format(lang: 'zh' | 'en'): string {
    return `${this.code}: ${this[lang]}`;
  }
}

export function statsFail(code: string, zh: string, en: string): never {
  throw new StatsError(code, zh, en);
}

/**
 * Errors of the working-day calendar. Each problem has a stable code, says where (file and entry)
 * and what to do, in zh and en — the same shape as the policy engine's diagnostics.
 */

export interface CalendarIssue {
  /** Stable code, e.g. CALENDAR_MAKEUP_NOT_WEEKEND. Never reworded once published. */
  readonly code: string;
  /** The bad entry, e.g. `makeupWorkdays[2]` or `holidays[1] (春节 Spring Festival).dates[0]`. */
  readonly at?: string;
  readonly zh: string;
  readonly en: string;
}

export class CalendarError extends Error {
  /** The data file the problems are in, when they come from one. */
  readonly file: string | undefined;
  readonly issues: readonly CalendarIssue[];

  constructor(issues: readonly CalendarIssue[], file?: string) {
    super(CalendarError.render(issues, file, 'en'));
    this.name = 'CalendarError';
    this.file = file;
    this.issues = issues;
  }

  get code(): string {
    return this.issues[0]?.code ?? 'CALENDAR_ERROR';
  }

  format(lang: 'zh' | 'en'): string {
    return CalendarError.render(this.issues, this.file, lang);
  }

  private static render(
    issues: readonly CalendarIssue[],
    file: string | undefined,
    lang: 'zh' | 'en',
  ): string {
    const lines = issues.map(
      (i) => `${file ? file + ': ' : ''}${i.at ? i.at + ': ' : ''}${i.code}: ${i[lang]}`,
    );
    return lines.join('\n') || 'calendar error';
  }
}

export function calendarFail(code: string, zh: string, en: string, file?: string): never {
  throw new CalendarError([{ code, zh, en }], file);
}

/**
 * When an official may apply (申请时限): the pack's `procedure.application` — e.g. during the
 * accountability investigation or within 15 working days of being notified of the accountability
 * decision — counted on the jurisdiction's working-day calendar. The application route checks it
 * (create.ts); the application form shows it with its last day (GET /api/policy/application-window).
 */
import type { ApplicationAnchor, TimeLimit } from '../../policy/model.js';
import type { EffectivePolicy } from '../../policy/resolve.js';
import { inTitleMarks } from '../../policy/title-marks.js';
import type { I18nText } from '../../policy/model.js';
import { writtenDate } from '../../shared/time.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

/** What the applicant says of the accountability matter: the day they were notified of it. */
export interface ApplicationDates {
  readonly conductDate: string;
  /** The day the official was notified of the accountability decision; null: not (yet) notified. */
  readonly notifiedOn: string | null;
}

/** The window as it stands for one application. */
export interface ApplicationWindowState {
  readonly within: TimeLimit;
  readonly from: ApplicationAnchor;
  readonly duringInvestigation: boolean;
  /** The day the limit counts from; null when it is not known (no notification given). */
  readonly anchorOn: string | null;
  /** The last day to apply; null when the anchor is not known. */
  readonly lastDay: string | null;
  /** The clause that sets it, cited: 《title》（number）Art. n; null when none is named. */
  readonly basis: I18nText | null;
}

/** The window for these dates, or null when the pack sets none (one may apply at any time). */
export function applicationWindowOf(
  ctx: AppContext,
  calendarId: string,
  eff: EffectivePolicy,
  dates: ApplicationDates,
): ApplicationWindowState | null {
  const {
    within,
    from = 'notifiedOfAccountability',
    duringInvestigation,
  } = eff.procedure.application;
  if (!within) return null;
  const anchorOn = from === 'conduct' ? dates.conductDate : dates.notifiedOn;
  const lastDay =
    anchorOn === null
      ? null
      : ctx.calendars
          .get(calendarId)
          .deadline({ start: anchorOn, unit: within.unit, days: within.days }).due;
  return {
    within,
    from,
    duringInvestigation: from === 'notifiedOfAccountability' && duringInvestigation !== false,
    anchorOn,
    lastDay,
    basis: within.basis ? citation(eff, within.basis) : null,
  };
}

/** 《title》（number）第九条 for a clause id; a free reference as written. */
function citation(eff: EffectivePolicy, basis: string): I18nText {
  const c = eff.clauses.get(basis);
  if (!c) return { zh: basis, en: basis };
  const s = eff.sources.get(c.source);
  if (!s) return c.article;
  const number = s.number ? `（${s.number}）` : '';
  return {
    zh: `${inTitleMarks(s.title.zh)}${number}${c.article.zh}`,
    en: `${s.title.en}${s.number ? ` (${s.number})` : ''}, ${c.article.en}`,
  };
}

/** The window in words: “问责调查期间，或者收到问责决定之日起15个工作日内”. */
export function windowText(w: ApplicationWindowState): I18nText {
  const n = w.within.days;
  const zhAmount = w.within.unit === 'working' ? `${n}个工作日内` : `${n}日内`;
  const enAmount =
    w.within.unit === 'working'
      ? `${n} working day${n === 1 ? '' : 's'}`
      : `${n} calendar day${n === 1 ? '' : 's'}`;
  if (w.from === 'conduct') {
    return { zh: `自行为发生之日起${zhAmount}`, en: `within ${enAmount} of the conduct` };
  }
  const zh = `收到问责决定之日起${zhAmount}`;
  const en = `within ${enAmount} of being notified of the accountability decision`;
  return w.duringInvestigation
    ? { zh: `问责调查期间，或者${zh}`, en: `during the accountability investigation, or ${en}` }
    : { zh, en };
}

/**
 * Refuses an application made outside the window (APPLICATION_OUT_OF_TIME), naming the window, the
 * day it counts from, its last day and the clause. Not notified of a decision: in time when the
 * measure lets an official apply during the investigation.
 */
export function checkApplicationWindow(w: ApplicationWindowState | null, today: string): void {
  if (w === null) return;
  if (w.lastDay === null) {
    if (w.duringInvestigation) return;
    throw outOfTime(w, {
      zh: '本办法规定的申请时限自收到问责决定之日起计算，请填写收到问责决定的日期。',
      en: 'the window counts from the day the official was notified of the accountability decision: give that day (accountabilityNotifiedOn).',
    });
  }
  if (today <= w.lastDay) return;
  const anchor = writtenDate(w.anchorOn!);
  const last = writtenDate(w.lastDay);
  const what =
    w.from === 'conduct'
      ? { zh: `行为发生之日（${anchor.zh}）`, en: `the conduct (${anchor.en})` }
      : {
          zh: `收到问责决定之日（${anchor.zh}）`,
          en: `the notification of the accountability decision (${anchor.en})`,
        };
  throw outOfTime(w, {
    zh: `申请已超过时限：自${what.zh}起计算，最后一日为${last.zh}，今天已逾期。`,
    en: `the application is out of time: counted from ${what.en}, its last day was ${last.en}.`,
  });
}

function outOfTime(w: ApplicationWindowState, why: I18nText): AppError {
  const text = windowText(w);
  const zhBasis = w.basis ? `（依据${w.basis.zh}）` : '';
  const enBasis = w.basis ? ` (under ${w.basis.en})` : '';
  return new AppError(
    'APPLICATION_OUT_OF_TIME',
    { anchorOn: w.anchorOn, lastDay: w.lastDay },
    {
      zh: `容错申请应当在${text.zh}提出${zhBasis}。${why.zh}`,
      en: `An application for tolerance is to be made ${text.en}${enBasis}: ${why.en}`,
    },
  );
}

/**
 * The name clearing (澄清正名) as the declarative rules see it (policies.ts), and the named
 * conditions of its actions. Loaded by the clearing use cases and the case view once the case has
 * a determination (src/app/clearings/subject.ts); absent, no clearing rule holds. No I/O.
 */
import type { ClearingFinding, ClearingState } from '../shared/clearings.js';
import { condition } from './rule-conditions.js';

export interface ClearingSubject {
  /**
   * The determination in force holds the official not accountable or tolerated
   * (CLEARING_OUTCOMES): the accusation did not stand, and there is a name to clear.
   */
  readonly clears: boolean;
  /** The case's clearing: null when none is recorded. */
  readonly state: ClearingState | null;
  readonly finding: ClearingFinding | null;
  /** The false accusation has been referred on. */
  readonly referred: boolean;
}

/** Nothing to do before a clearing is recorded: said when refused, left out of the action box. */
const NONE_YET = {
  code: 'CLEARING_NONE',
  quiet: true,
  text: {
    zh: '本案尚未登记澄清正名，请先登记。',
    en: 'No name clearing is recorded on this case; record one first.',
  },
} as const;

/** No clearing is recorded yet, and the determination in force clears the official. */
export const clearable = condition(
  (c) => c.clearing?.clears === true && c.clearing.state === null,
  (c) =>
    !c.clearing
      ? null
      : c.clearing.state !== null
        ? {
            code: 'CLEARING_RECORDED',
            quiet: true,
            text: {
              zh: '本案已登记澄清正名，请在澄清正名栏办理后续事项。',
              en: 'A name clearing is recorded on this case; carry it on in its card.',
            },
          }
        : {
            code: 'CLEARING_NOT_APPLICABLE',
            quiet: true,
            text: {
              zh: '认定结果为不予问责或免予问责的，方可为干部澄清正名。',
              en: 'A name is cleared only when the determination holds the official not accountable or tolerated.',
            },
          },
);

/** The clearing is recorded and its notice not yet issued; the determination still clears. */
export const noticeDue = condition(
  (c) => c.clearing?.state === 'recorded' && c.clearing.clears,
  (c) => {
    const k = c.clearing;
    if (!k) return null;
    if (k.state === null) return NONE_YET;
    if (k.state !== 'recorded') {
      return {
        code: 'CLEARING_NOTICE_ISSUED',
        quiet: true,
        text: {
          zh: '澄清正名通报已经印发，请在“文书”栏下载。',
          en: 'The clearing notice has been issued; download it from Documents.',
        },
      };
    }
    return {
      code: 'CLEARING_OUTCOME_CHANGED',
      text: {
        zh: '现行认定结果已不属于不予问责或免予问责，不能印发澄清正名通报。',
        en: 'The determination now in force no longer holds the official not accountable or tolerated: no clearing notice can be issued.',
      },
    };
  },
);

/** The notice is issued and whether to make it public is still to decide. */
export const publicityUndecided = condition(
  (c) => c.clearing?.state === 'notice_issued',
  (c) => {
    if (!c.clearing) return null;
    const s = c.clearing.state;
    if (s === null) return NONE_YET;
    return s === 'recorded'
      ? {
          code: 'CLEARING_NOTICE_FIRST',
          text: {
            zh: '请先印发澄清正名通报，再决定是否公开。',
            en: 'Issue the clearing notice first; then decide whether to make it public.',
          },
        }
      : {
          code: 'CLEARING_PUBLICITY_DECIDED',
          quiet: true,
          text: {
            zh: '是否公开澄清已有决定。',
            en: 'Whether to make the clearing public has been decided.',
          },
        };
  },
);

/** The clearing found a false accusation (诬告陷害) that has not been referred on yet. */
export const falseAccusationToRefer = condition(
  (c) =>
    c.clearing?.finding === 'false_accusation' && c.clearing.state !== null && !c.clearing.referred,
  (c) => {
    const k = c.clearing;
    if (!k) return null;
    if (k.state === null) return NONE_YET;
    return k.finding === 'false_accusation'
      ? {
          code: 'CLEARING_REFERRED',
          quiet: true,
          text: {
            zh: '诬告陷害问题已移送处理。',
            en: 'The false accusation has been referred on.',
          },
        }
      : {
          code: 'CLEARING_NOT_FALSE_ACCUSATION',
          quiet: true,
          text: {
            zh: '只有查实为诬告陷害的才移送处理；反映失实或错告的，向反映人说明情况或批评教育。',
            en: 'Only a false accusation is referred on; an untrue or mistaken report is explained to whoever made it.',
          },
        };
  },
);

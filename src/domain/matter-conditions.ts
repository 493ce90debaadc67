/**
 * The accountability matter (问责事项) as the declarative rules see it (policies.ts), and the named
 * conditions of the linkage's actions (src/app/matters/). Loaded with the case by the matter's use
 * cases and the case view; absent elsewhere, when no linkage rule holds. No I/O.
 */
import type { MatterStatus } from '../shared/matters.js';
import { condition } from './rule-conditions.js';

export interface MatterSubject {
  readonly status: MatterStatus;
  /** A criminal referral (移送) has been recorded. */
  readonly referred: boolean;
}

/**
 * The case was opened on an accountability matter (ex officio). An application has none: then
 * there is nothing to record, and the action is no task.
 */
export const matterLinked = condition((c) => c.matter !== undefined && c.matter !== null, {
  code: 'MATTER_NONE',
  quiet: true,
  text: {
    zh: '本案未关联问责事项（依申请启动的案件不涉及问责事项），无需记录问责情形或移送情况。',
    en: 'The case is not linked to an accountability matter (an application has none): there are no circumstances or referral to record.',
  },
});

/**
 * The measure requires the accountability body to consider tolerance itself before deciding
 * accountability (the pack's procedure.exOfficio.required): the check opened on the matter is the
 * body's, not the official's, and is not withdrawn; it ends in a determination, or at intake in a
 * refusal with written reasons.
 */
export const notARequiredCheck = condition((c) => c.requires.exOfficioCheck !== true, {
  code: 'EX_OFFICIO_CHECK_REQUIRED',
  text: {
    zh: '本办法规定问责机关在作出问责决定前应当主动审查是否适用容错。本案是就问责事项依职权启动的容错审查，不能撤回，应当作出认定；确不属于容错审查范围的，由受理人员写明理由不予受理。',
    en: 'The measure requires the accountability body to consider tolerance itself before deciding accountability. This case is the check opened ex officio on the accountability matter: it cannot be withdrawn and ends in a determination; where the matter is outside the scope of tolerance, intake refuses it with written reasons.',
  },
});

/** No referral has been recorded: a matter is referred once. */
export const notYetReferred = condition((c) => c.matter?.referred !== true, {
  code: 'MATTER_REFERRED',
  quiet: true,
  text: {
    zh: '该问责事项已移送有权机关，移送情况已记录，不能重复移送。',
    en: 'The accountability matter has already been referred to the competent body; the referral is on record and is not made twice.',
  },
});

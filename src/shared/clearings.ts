/**
 * Name clearing (澄清正名, domain.md §8), defined once for the server and the web app: what the
 * verification found of the accusation, how the name is cleared, the states of a clearing and the
 * outcomes that allow one. Pure data: src/app/clearings/ enforces the procedure.
 *
 * A clearing is recorded on a determined case (`recorded`); the deciding body issues the clearing
 * notice (澄清正名通报), read out or circulated within the scope recorded (`notice_issued`); then
 * it is made public, with the official's written consent (`publicized`), or closed without
 * publicity (`closed`: the official did not consent, or the scope of the notice was enough). A
 * false accusation (诬告陷害) is referred on to the body that deals with the accuser, at any time
 * after the clearing is recorded.
 */
import type { I18nText } from '../policy/model.js';

/**
 * The outcomes under which an official is cleared: the determination holds them not accountable
 * at all (不予问责) or tolerates the mistake and waives liability (免予问责). Under either, the
 * accusation of misconduct did not stand; under a reduced, lighter or refused tolerance, the
 * official is held to account for something, and there is no name to clear.
 */
export const CLEARING_OUTCOMES: readonly string[] = ['no_accountability', 'exempted'];

/**
 * What the verification found of the accusation (问题线索核查结论): untrue (反映失实: the facts
 * alleged did not happen as said), a false accusation (诬告陷害: made up on purpose, to harm — the
 * only finding referred on), or a mistaken report (错告: made in good faith, wrong).
 */
export const CLEARING_FINDINGS = ['untrue', 'false_accusation', 'mistaken'] as const;
export type ClearingFinding = (typeof CLEARING_FINDINGS)[number];

export const CLEARING_FINDING_LABEL: Readonly<Record<ClearingFinding, I18nText>> = {
  untrue: { zh: '反映失实', en: 'Untrue' },
  false_accusation: { zh: '诬告陷害', en: 'False accusation' },
  mistaken: { zh: '错告', en: 'Mistaken report' },
};

/**
 * How the notice clears the name within its scope: read out at a meeting (在一定范围内召开会议
 * 澄清说明) or circulated in writing (书面通报). Making it public is a further step, with consent.
 */
export const CLEARING_MANNERS = ['meeting', 'circular'] as const;
export type ClearingManner = (typeof CLEARING_MANNERS)[number];

export const CLEARING_MANNER_LABEL: Readonly<Record<ClearingManner, I18nText>> = {
  meeting: { zh: '会议澄清', en: 'At a meeting' },
  circular: { zh: '书面通报', en: 'Circulated in writing' },
};

export const CLEARING_STATES = ['recorded', 'notice_issued', 'publicized', 'closed'] as const;
export type ClearingState = (typeof CLEARING_STATES)[number];

export const CLEARING_STATE_LABEL: Readonly<Record<ClearingState, I18nText>> = {
  recorded: { zh: '已登记，待印发通报', en: 'Recorded, notice to issue' },
  notice_issued: { zh: '已印发通报，待定是否公开', en: 'Notice issued, publicity to decide' },
  publicized: { zh: '已公开澄清', en: 'Made public' },
  closed: { zh: '澄清完毕（未公开）', en: 'Cleared (not made public)' },
};

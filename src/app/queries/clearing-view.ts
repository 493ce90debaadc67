/**
 * The name clearing (澄清正名) of a case as the case view shows it: what was alleged and found, how
 * and how widely the name is cleared, the notice's number, the publicity with the official's
 * consent, or why it was not made public, and the referral of a false accusation. Only the fields
 * listed here leave the server; the parties (the official cleared, their unit) see the referral's
 * body and day but not its basis, which may name the accuser. Read in the case view's transaction
 * (case-view.ts) once the case is determined; a consulted department's officer sees none of it.
 */
import type { I18nText } from '../../policy/model.js';
import {
  CLEARING_FINDING_LABEL,
  CLEARING_MANNER_LABEL,
  CLEARING_STATE_LABEL,
  type ClearingFinding,
  type ClearingManner,
  type ClearingState,
} from '../../shared/clearings.js';
import type { ClearingRow } from '../clearings/subject.js';
import type { PersonRef } from './correction-view.js';

export interface ClearingView {
  readonly id: string;
  readonly finding: ClearingFinding;
  readonly findingLabel: I18nText;
  readonly alleged: string;
  readonly found: string;
  readonly manner: ClearingManner;
  readonly mannerLabel: I18nText;
  readonly scope: string;
  readonly state: ClearingState;
  readonly stateLabel: I18nText;
  readonly recordedOn: string;
  readonly recordedBy: PersonRef | null;
  readonly notice: {
    readonly documentId: string;
    readonly number: string;
    readonly issuedOn: string;
    readonly issuedBy: PersonRef | null;
  } | null;
  readonly publicity: {
    readonly consentOn: string;
    readonly consentRecord: string;
    readonly channel: string;
    readonly from: string;
    readonly to: string;
    readonly by: PersonRef | null;
  } | null;
  readonly closed: {
    readonly on: string;
    readonly reason: string;
    readonly by: PersonRef | null;
  } | null;
  readonly referral: {
    readonly to: string;
    readonly on: string;
    /** Null for the parties. */
    readonly basis: string | null;
    readonly by: PersonRef | null;
  } | null;
}

/** Everyone the clearing names, for their display names. */
export function peopleInClearing(k: ClearingRow | null): (string | null)[] {
  if (!k) return [];
  return [k.recordedBy, k.noticeIssuedBy, k.publicizedBy, k.closedBy, k.referredBy];
}

export function presentClearing(
  k: ClearingRow | null,
  full: boolean,
  person: (u: string | null) => PersonRef | null,
): ClearingView | null {
  if (!k) return null;
  return {
    id: k.id,
    finding: k.finding,
    findingLabel: CLEARING_FINDING_LABEL[k.finding],
    alleged: k.alleged,
    found: k.found,
    manner: k.manner,
    mannerLabel: CLEARING_MANNER_LABEL[k.manner],
    scope: k.scope,
    state: k.state,
    stateLabel: CLEARING_STATE_LABEL[k.state],
    recordedOn: k.recordedOn,
    recordedBy: person(k.recordedBy),
    notice:
      k.noticeNumber && k.noticeDocumentId && k.noticeIssuedOn
        ? {
            documentId: k.noticeDocumentId,
            number: k.noticeNumber,
            issuedOn: k.noticeIssuedOn,
            issuedBy: person(k.noticeIssuedBy),
          }
        : null,
    publicity:
      k.publicizedFrom && k.publicizedTo && k.consentOn
        ? {
            consentOn: k.consentOn,
            consentRecord: k.consentRecord ?? '',
            channel: k.publicityChannel ?? '',
            from: k.publicizedFrom,
            to: k.publicizedTo,
            by: person(k.publicizedBy),
          }
        : null,
    closed: k.closedOn
      ? { on: k.closedOn, reason: k.closeReason ?? '', by: person(k.closedBy) }
      : null,
    referral:
      k.referredOn && k.referredTo
        ? {
            to: k.referredTo,
            on: k.referredOn,
            basis: full ? (k.referralBasis ?? '') : null,
            by: person(k.referredBy),
          }
        : null,
  };
}

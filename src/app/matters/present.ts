/**
 * The accountability matter as the case view shows it to officers (queries/case-view.ts): a
 * presenter that allow-lists fields — source, circumstances with their articles, the lifelong
 * flag, the outcome fed back, the referral — and says whether the matter stays with the competent
 * body (a referral recorded, or a crime suspected on the case's facts).
 */
import type { I18nText } from '../../policy/model.js';
import type { MatterSource } from '../../shared/case.js';
import {
  CIRCUMSTANCE_ARTICLE,
  CIRCUMSTANCE_LABEL,
  MATTER_CIRCUMSTANCES,
  MATTER_STATUS_LABEL,
  REFERRAL_BODY_LABEL,
  type FeedbackBasis,
  type MatterArticle,
  type MatterCircumstance,
  type MatterStatus,
  type ReferralBody,
} from '../../shared/matters.js';
import type { CaseFile } from '../queries/case-file.js';

interface PersonRef {
  readonly id: string;
  readonly name: string;
}

export interface MatterView {
  readonly id: string;
  readonly summary: string;
  readonly openedOn: string;
  readonly source: MatterSource | null;
  readonly sourceDetail: string;
  readonly status: MatterStatus;
  readonly statusLabel: I18nText;
  readonly circumstances: readonly {
    readonly code: MatterCircumstance;
    readonly article: MatterArticle;
    readonly label: I18nText;
  }[];
  readonly lifelong: { readonly name: string; readonly on: string; readonly body: string } | null;
  readonly feedback: {
    readonly caseId: string;
    readonly outcome: string;
    readonly outcomeLabel: I18nText | null;
    readonly inForceOn: string;
    readonly basis: FeedbackBasis;
    readonly previousOutcome: string | null;
    readonly previousOutcomeLabel: I18nText | null;
  } | null;
  readonly referral: {
    readonly to: ReferralBody;
    readonly toLabel: I18nText;
    readonly on: string;
    readonly basis: string;
    readonly receipt: string;
    readonly by: PersonRef | null;
  } | null;
  /** The case's facts have crimeSuspected. */
  readonly crimeSuspected: boolean;
  /** Tolerance does not conclude it: it stays open, or referred, with the competent body. */
  readonly withCompetentBody: boolean;
}

type MatterRow = NonNullable<CaseFile['matter']>;

export interface MatterPresenting {
  readonly crimeSuspected: boolean;
  readonly person: (u: string | null) => PersonRef | null;
  readonly outcomeLabel: (o: string) => I18nText | null;
}

const known = (c: string): c is MatterCircumstance =>
  (MATTER_CIRCUMSTANCES as readonly string[]).includes(c);

function feedbackOf(m: MatterRow, p: MatterPresenting): MatterView['feedback'] {
  if (m.fedBackOutcome === null || m.fedBackCaseId === null || m.fedBackInForceOn === null) {
    return null;
  }
  const previous = m.fedBackPreviousOutcome;
  return {
    caseId: m.fedBackCaseId,
    outcome: m.fedBackOutcome,
    outcomeLabel: p.outcomeLabel(m.fedBackOutcome),
    inForceOn: m.fedBackInForceOn,
    basis: (m.fedBackBasis ?? 'first') as FeedbackBasis,
    previousOutcome: previous,
    previousOutcomeLabel: previous === null ? null : p.outcomeLabel(previous),
  };
}

function referralOf(m: MatterRow, p: MatterPresenting): MatterView['referral'] {
  if (m.referredTo === null || m.referredOn === null) return null;
  const to = m.referredTo as ReferralBody;
  return {
    to,
    toLabel: REFERRAL_BODY_LABEL[to],
    on: m.referredOn,
    basis: m.referralBasis ?? '',
    receipt: m.referralReceipt ?? '',
    by: p.person(m.referredBy),
  };
}

export function presentMatter(m: MatterRow, p: MatterPresenting): MatterView {
  const status = m.status as MatterStatus;
  const referral = referralOf(m, p);
  return {
    id: m.id,
    summary: m.summary,
    openedOn: m.openedOn,
    source: m.source as MatterSource | null,
    sourceDetail: m.sourceDetail,
    status,
    statusLabel: MATTER_STATUS_LABEL[status],
    circumstances: m.circumstances.filter(known).map((code) => ({
      code,
      article: CIRCUMSTANCE_ARTICLE[code],
      label: CIRCUMSTANCE_LABEL[code],
    })),
    lifelong:
      m.lifelong && m.majorDecisionName && m.majorDecisionOn && m.majorDecisionBody
        ? { name: m.majorDecisionName, on: m.majorDecisionOn, body: m.majorDecisionBody }
        : null,
    feedback: feedbackOf(m, p),
    referral,
    crimeSuspected: p.crimeSuspected,
    withCompetentBody: referral !== null || p.crimeSuspected,
  };
}

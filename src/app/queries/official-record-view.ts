/**
 * The official's record as the API gives it (src/api/official-record.ts): only the fields listed
 * here leave the server. Rows come from official-record.ts; `Reader` says, per case, whether the
 * reader sees the whole record (an officer who is not a party) and the follow-up visits.
 */
import type { I18nText } from '../../policy/model.js';
import type { CaseState } from '../../shared/case.js';
import type { MatterStatus } from '../../shared/matters.js';
import { CLEARING_STATE_LABEL, type ClearingState } from '../../shared/clearings.js';
import {
  ACTION_STATES,
  TALK_KIND_LABEL,
  type ActionState,
  type CorrectionState,
  type TalkKind,
} from '../../shared/corrections.js';
import { VISIT_CONCLUSION_LABEL, type VisitConclusion } from '../../shared/visits.js';
import type { StoredApplication } from '../cases/result-application.js';
import type {
  accountabilityMatters,
  corrections,
  followUpVisits,
  nameClearings,
  talks,
} from '../tables.js';
import type { Identity } from './official-record.js';
import { presentApplication } from './results-list.js';

interface CaseScope {
  readonly jurisdictionPath: string;
  readonly unitPath: string;
  readonly applicantUserId: string | null;
}

export interface Reader {
  /** An officer over the case who is not a party: matters and a referral's basis. */
  readonly full: (c: CaseScope) => boolean;
  readonly visits: (c: { readonly jurisdictionPath: string }) => boolean;
}

export interface RecordRows {
  readonly cases: readonly (CaseScope & {
    readonly id: string;
    readonly number: string;
    readonly title: string;
    readonly state: string;
    readonly stateLabel: I18nText;
    readonly route: string;
    readonly openedAt: Date;
    readonly notifiedOn: string | null;
    readonly accountabilityMatterId: string | null;
    readonly determination: {
      readonly documentNumber: string;
      readonly decidedOn: string;
      readonly outcome: string;
      readonly outcomeLabel: I18nText;
      readonly application: StoredApplication | null;
    } | null;
  })[];
  readonly corrections?: readonly (typeof corrections.$inferSelect & {
    readonly stateLabel: I18nText;
    readonly actions: readonly { readonly state: string; readonly n: number }[];
  })[];
  readonly talks?: readonly (typeof talks.$inferSelect)[];
  readonly visits?: readonly (typeof followUpVisits.$inferSelect)[];
  readonly clearings?: readonly (typeof nameClearings.$inferSelect)[];
  readonly matters: readonly (Pick<
    typeof accountabilityMatters.$inferSelect,
    'id' | 'summary' | 'openedOn' | 'status' | 'circumstances' | 'lifelong' | 'referredOn'
  > & { readonly jurisdictionPath: string; readonly statusLabel: I18nText })[];
}

export type RecordCase = ReturnType<typeof presentCase>;
export type OfficialRecord = ReturnType<typeof presentOfficialRecord>;

export function presentOfficialRecord(who: Identity, rows: RecordRows, reader: Reader) {
  const officer = (p: string) =>
    reader.full({ jurisdictionPath: p, unitPath: who.unitPath, applicantUserId: null });
  return {
    official: {
      id: who.id,
      name: who.name,
      position: { zh: who.positionZh, en: who.positionEn },
      unit: { id: who.unitId, name: { zh: who.unitZh, en: who.unitEn } },
      jurisdiction: {
        id: who.jurisdictionId,
        name: { zh: who.jurisdictionZh, en: who.jurisdictionEn },
      },
    },
    cases: rows.cases.map((c) => presentCase(c, rows, reader)),
    matters: rows.matters
      .filter((m) => officer(m.jurisdictionPath))
      .map((m) => ({
        id: m.id,
        summary: m.summary,
        openedOn: m.openedOn,
        status: m.status as MatterStatus,
        statusLabel: m.statusLabel,
        circumstances: m.circumstances.length,
        lifelong: m.lifelong,
        referredOn: m.referredOn,
        caseId: rows.cases.find((c) => c.accountabilityMatterId === m.id)?.id ?? null,
      })),
  };
}

function presentCase(c: RecordRows['cases'][number], rows: RecordRows, reader: Reader) {
  const d = c.determination;
  const mine = <T extends { caseId: string }>(xs: readonly T[] | undefined) =>
    (xs ?? []).filter((x) => x.caseId === c.id);
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    state: c.state as CaseState,
    stateLabel: c.stateLabel,
    openedOn: c.openedAt.toISOString().slice(0, 10),
    notifiedOn: c.notifiedOn,
    decision: d
      ? {
          documentNumber: d.documentNumber,
          decidedOn: d.decidedOn,
          outcome: d.outcome,
          outcomeLabel: d.outcomeLabel,
          application: d.application ? presentApplication(d.application) : null,
        }
      : null,
    corrections: mine(rows.corrections).map((k) => ({
      id: k.id,
      documentNumber: k.documentNumber,
      state: k.state as CorrectionState,
      stateLabel: k.stateLabel,
      issuedOn: k.issuedOn,
      closedOn: k.closedOn,
      reviewDueOn: k.reviewDueOn,
      reviewedOn: k.reviewedOn,
      actions: actionCounts(k.actions),
    })),
    talks: mine(rows.talks).map((t) => ({
      id: t.id,
      kind: t.kind as TalkKind,
      kindLabel: TALK_KIND_LABEL[t.kind as TalkKind],
      heldOn: t.heldOn,
      participants: t.participants,
      summary: t.summary,
      followUp: t.followUp,
    })),
    visits: (reader.visits(c) ? mine(rows.visits) : []).map((v) => ({
      id: v.id,
      impactEndsOn: v.impactEndsOn,
      dueOn: v.dueOn,
      state: v.state,
      visitedOn: v.visitedOn,
      conclusion: v.conclusion,
      conclusionLabel: v.conclusion
        ? VISIT_CONCLUSION_LABEL[v.conclusion as VisitConclusion]
        : null,
    })),
    clearings: mine(rows.clearings).map((k) => ({
      id: k.id,
      state: k.state,
      stateLabel: CLEARING_STATE_LABEL[k.state as ClearingState],
      recordedOn: k.recordedOn,
      noticeNumber: k.noticeNumber,
      noticeIssuedOn: k.noticeIssuedOn,
      publicizedFrom: k.publicizedFrom,
      closedOn: k.closedOn,
      referral:
        k.referredOn && k.referredTo
          ? {
              to: k.referredTo,
              on: k.referredOn,
              basis: reader.full(c) ? (k.referralBasis ?? '') : null,
            }
          : null,
    })),
  };
}

/** How many of a correction's actions are in each state. */
function actionCounts(
  rows: readonly { readonly state: string; readonly n: number }[],
): Record<ActionState, number> {
  const out = Object.fromEntries(ACTION_STATES.map((s) => [s, 0])) as Record<ActionState, number>;
  for (const r of rows) {
    if ((ACTION_STATES as readonly string[]).includes(r.state)) {
      out[r.state as ActionState] += Number(r.n);
    }
  }
  return out;
}

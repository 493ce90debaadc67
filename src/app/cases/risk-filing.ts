/**
 * Ex-ante risk filings (事前风险报备): recording a filing — the unit, the initiative, the risks
 * foreseen and the measures, its review (status, date, the reviewer's opinion) — and linking it to
 * a case (the list is queries/risk-filings.ts). Linking sets the case's risk filing and records the fact
 * `riskFiling` from the filing's status (accepted → 'accepted', rejected → 'rejected', still
 * pending → 'none': a filing not accepted covers nothing), with source 'risk_filing', superseding
 * any earlier value of that fact, so that the policy engine sees it.
 */
import { RISK_FILING_STATUSES, type RiskFilingStatus } from '../../shared/case.js';
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { within, type Actor, type Role } from '../../domain/roles.js';
import { factProblems } from '../../policy/facts.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { caseFacts, jurisdictions, riskFilings, units } from '../tables.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { isUuid, optionalText, requireDay, requireText } from './text-input.js';
import { supersedeFact } from './record-fact.js';
import { runTransition, type TransitionRequest } from './transition.js';
import { casePolicy } from './record.js';

export { RISK_FILING_STATUSES, type RiskFilingStatus };

export interface RiskFilingInput {
  readonly unitId: string;
  /** The initiative filed. */
  readonly title: string;
  readonly filedOn: string;
  readonly status: RiskFilingStatus;
  /** The risks foreseen and the measures to contain them (the quick link from a case omits them). */
  readonly risks?: string;
  readonly measures?: string;
  /** The reviewer's opinion (the screen asks it of a rejection; the quick link from a case does not). */
  readonly reviewOpinion?: string;
  /** The day the review ended (accepted or rejected); today when not given. */
  readonly decidedOn?: string;
}

export interface RiskFilingView {
  readonly id: string;
  readonly jurisdictionId: string;
  readonly unitId: string;
  readonly title: string;
  readonly status: RiskFilingStatus;
  readonly filedOn: string;
  readonly decidedOn: string | null;
  readonly risks: string;
  readonly measures: string;
  readonly reviewOpinion: string;
}

function present(r: typeof riskFilings.$inferSelect): RiskFilingView {
  return {
    id: r.id,
    jurisdictionId: r.jurisdictionId,
    unitId: r.unitId,
    title: r.title,
    status: r.status as RiskFilingStatus,
    filedOn: r.filedOn,
    decidedOn: r.decidedOn,
    risks: r.risks,
    measures: r.measures,
    reviewOpinion: r.reviewOpinion,
  };
}

/** Roles that record filings, over the unit's jurisdiction subtree. */
export const RISK_FILING_RECORDERS: readonly Role[] = ['intake', 'investigator'];

function dateOf(field: string, value: unknown, today: string): string {
  return requireDay(field, value, {
    what: { zh: '日期', en: 'the date' },
    notAfter: today,
    notADay: { zh: '应为日期，如 2025-03-03。', en: 'use a date such as 2025-03-03.' },
    tooLate: { zh: '日期不能晚于今天。', en: 'the date cannot be in the future.' },
  });
}

/** The filing's columns from the input, checked: texts bounded, dates in order, reasons given. */
function filingValues(input: RiskFilingInput, today: string) {
  const title = requireText('title', input.title, {
    what: { zh: '报备事项名称', en: 'the title of the filed initiative' },
    ...TEXT_LIMITS.riskFilingTitle,
  });
  const filedOn = dateOf('filedOn', input.filedOn, today);
  if (!RISK_FILING_STATUSES.includes(input.status)) {
    throw invalid(
      'status',
      '应为 pending（待审）、accepted（认可）或 rejected（不认可）。',
      'use pending, accepted or rejected.',
    );
  }
  // The quick link from a case records the title only; when given, they are checked.
  const risks =
    input.risks === undefined
      ? ''
      : requireText('risks', input.risks, {
          what: { zh: '预判的风险', en: 'the risks foreseen' },
          ...TEXT_LIMITS.riskFilingRisks,
        });
  const measures =
    input.measures === undefined
      ? ''
      : requireText('measures', input.measures, {
          what: { zh: '防控措施', en: 'the measures' },
          ...TEXT_LIMITS.riskFilingMeasures,
        });
  const reviewOpinion = optionalText('reviewOpinion', input.reviewOpinion, {
    what: { zh: '审核意见', en: "the reviewer's opinion" },
    max: TEXT_LIMITS.reviewOpinion.max,
  });
  const decidedOn =
    input.status === 'pending' ? null : dateOf('decidedOn', input.decidedOn ?? today, today);
  if (decidedOn !== null && decidedOn < filedOn) {
    throw invalid(
      'decidedOn',
      '审核日期不能早于报备日期。',
      'the review cannot end before the filing.',
    );
  }
  return { title, filedOn, status: input.status, risks, measures, reviewOpinion, decidedOn };
}

/** Records a filing of a unit; intake or investigators over the unit's jurisdiction may. */
export async function createRiskFiling(
  ctx: AppContext,
  actor: Actor,
  input: RiskFilingInput,
): Promise<RiskFilingView> {
  const values = filingValues(input, todayOf(ctx));
  return ctx.store.tx(async (tx) => {
    const [u] = isUuid(input.unitId)
      ? await tx
          .select({ unit: units, jurisdictionPath: jurisdictions.path })
          .from(units)
          .innerJoin(jurisdictions, eq(jurisdictions.id, units.jurisdictionId))
          .where(eq(units.id, input.unitId))
      : [];
    const allowed =
      u !== undefined &&
      actor.grants.some(
        (g) =>
          RISK_FILING_RECORDERS.includes(g.role) &&
          g.scopeKind === 'jurisdiction' &&
          within(u.jurisdictionPath, g.scopePath),
      );
    // Do not reveal whether a unit the actor may not act for exists.
    if (!allowed) throw new AppError(u ? 'FORBIDDEN' : 'NOT_FOUND', { unitId: input.unitId });
    const [row] = await tx
      .insert(riskFilings)
      .values({
        id: randomUUID(),
        jurisdictionId: u.unit.jurisdictionId,
        unitId: u.unit.id,
        ...values,
        recordedBy: actor.userId,
      })
      .returning();
    return present(row!);
  });
}

const FACT_OF_STATUS: Record<RiskFilingStatus, 'accepted' | 'rejected' | 'none'> = {
  accepted: 'accepted',
  rejected: 'rejected',
  pending: 'none',
};

/**
 * Links a filing to a case during verification (who may record facts may link): the filing must
 * come from the official's unit or a unit above it.
 */
export async function linkRiskFiling(
  ctx: AppContext,
  actor: Actor,
  req: TransitionRequest & { riskFilingId: string },
) {
  return runTransition(ctx, actor, 'recordFact', req, async ({ tx, loaded, actor, now }) => {
    const row = loaded.row;
    const [filing] = isUuid(req.riskFilingId)
      ? await tx
          .select({ filing: riskFilings, unitPath: units.path })
          .from(riskFilings)
          .innerJoin(units, eq(units.id, riskFilings.unitId))
          .where(eq(riskFilings.id, req.riskFilingId))
      : [];
    if (!filing || !within(row.unitPath, filing.unitPath)) {
      throw invalid(
        'riskFilingId',
        '没有该干部所在单位（或其上级单位）的这项报备。',
        "no such filing by the official's unit or a unit above it.",
      );
    }
    const value = FACT_OF_STATUS[filing.filing.status as RiskFilingStatus];
    const problems = factProblems({ riskFiling: value }, casePolicy(ctx, row).eff.facts);
    if (problems.length > 0) {
      throw new AppError('POLICY_INPUT', { code: problems[0]!.code }, problems[0]!.message);
    }
    // The current riskFiling values, superseded by the one recorded now.
    const superseded = await tx
      .select({ id: caseFacts.id })
      .from(caseFacts)
      .where(
        and(
          eq(caseFacts.caseId, row.id),
          eq(caseFacts.fact, 'riskFiling'),
          isNull(caseFacts.supersededAt),
        ),
      );
    const factId = randomUUID();
    await supersedeFact(tx, row.id, 'riskFiling', now);
    await tx.insert(caseFacts).values({
      id: factId,
      caseId: row.id,
      jurisdictionId: row.jurisdictionId,
      fact: 'riskFiling',
      value,
      source: 'risk_filing',
      evidenceIds: [],
      note: filing.filing.title,
      recordedBy: actor.userId,
      recordedAt: now,
    });
    return {
      event: 'case.risk_filing_linked',
      set: { riskFilingId: filing.filing.id },
      payload: {
        riskFilingId: filing.filing.id,
        filingStatus: filing.filing.status,
        previousRiskFilingId: row.riskFilingId,
        fact: { id: factId, fact: 'riskFiling', value, source: 'risk_filing' },
        supersededFactIds: superseded.map((f) => f.id),
      },
      result: { factId, value },
    };
  });
}

/**
 * The investigator's structured assessment of the six elements the 2018 guidance names (motive,
 * objective conditions, procedure, nature, consequences, losses recovered): a rating and notes for
 * each, weighed by the committee beside the rule outcome. One current assessment per element.
 */
import { MIN_UNFAVOURABLE_NOTES, RATINGS, type Rating } from '../../shared/case.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { and, eq } from 'drizzle-orm';
import { SIX_ELEMENTS, SIX_ELEMENT_LABEL, type SixElement } from '../../domain/case-states.js';
import type { Actor } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import type { AnyDb, AppTx } from '../db.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { caseAssessments } from '../tables.js';
import { optionalText, requireText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export { RATINGS, type Rating };

export const RATING_LABEL: Readonly<Record<Rating, I18nText>> = {
  favourable: { zh: '有利于容错', en: 'favours tolerance' },
  neutral: { zh: '中性', en: 'neutral' },
  unfavourable: { zh: '不利于容错', en: 'weighs against tolerance' },
};

export interface AssessInput extends TransitionRequest {
  readonly element: SixElement;
  readonly rating: Rating;
  /** Required for an unfavourable rating. */
  readonly notes?: string;
}

export async function assessElement(ctx: AppContext, actor: Actor, req: AssessInput) {
  if (!SIX_ELEMENTS.includes(req.element)) {
    throw invalid(
      'element',
      `应为六要素之一：${SIX_ELEMENTS.map((e) => `${e}（${SIX_ELEMENT_LABEL[e].zh}）`).join('、')}。`,
      `must be one of the six elements: ${SIX_ELEMENTS.join(', ')}.`,
    );
  }
  if (!RATINGS.includes(req.rating)) {
    throw invalid(
      'rating',
      '应为 favourable（有利）、neutral（中性）或 unfavourable（不利）。',
      'must be favourable, neutral or unfavourable.',
    );
  }
  const what = {
    zh: `“${SIX_ELEMENT_LABEL[req.element].zh}”的评估意见`,
    en: `notes on '${SIX_ELEMENT_LABEL[req.element].en}'`,
  };
  // An unfavourable rating weighs against the official: it must say why.
  const notes =
    req.rating === 'unfavourable'
      ? requireText('notes', req.notes, {
          what,
          ...TEXT_LIMITS.assessmentNotes,
          min: MIN_UNFAVOURABLE_NOTES,
        })
      : optionalText('notes', req.notes, { what, ...TEXT_LIMITS.assessmentNotes });
  return runTransition(ctx, actor, 'assess', req, async ({ tx, loaded, now }) => {
    const [before] = await tx
      .select({ rating: caseAssessments.rating })
      .from(caseAssessments)
      .where(
        and(eq(caseAssessments.caseId, loaded.row.id), eq(caseAssessments.element, req.element)),
      );
    const values = {
      caseId: loaded.row.id,
      jurisdictionId: loaded.row.jurisdictionId,
      element: req.element,
      rating: req.rating,
      notes,
      assessedBy: actor.userId,
      assessedAt: now,
    };
    await upsertAssessment(tx, values);
    return {
      event: 'case.element_assessed',
      payload: {
        element: req.element,
        rating: req.rating,
        notes,
        previousRating: before?.rating ?? null,
      },
      result: undefined,
    };
  });
}

/** Records the element's assessment, replacing the current one if there is one. */
async function upsertAssessment(tx: AppTx, values: typeof caseAssessments.$inferInsert) {
  const { rating, notes, assessedBy, assessedAt } = values;
  await tx
    .insert(caseAssessments)
    .values(values)
    .onConflictDoUpdate({
      target: [caseAssessments.caseId, caseAssessments.element],
      set: { rating, notes, assessedBy, assessedAt },
    });
}

/** The six elements not yet assessed on a case, in their standard order. */
export async function missingElements(db: AnyDb, caseId: string): Promise<SixElement[]> {
  const rows = await db
    .select({ element: caseAssessments.element })
    .from(caseAssessments)
    .where(eq(caseAssessments.caseId, caseId));
  const done = new Set(rows.map((r) => r.element));
  return SIX_ELEMENTS.filter((e) => !done.has(e));
}

/** Refuses to leave verification before all six elements are assessed, naming those missing. */
export async function requireAssessed(db: AnyDb, caseId: string): Promise<void> {
  const missing = await missingElements(db, caseId);
  if (missing.length === 0) return;
  throw new AppError(
    'CASE_PRECONDITION',
    { missingElements: missing },
    {
      zh: `六要素尚未全部评估，缺少：${missing.map((e) => SIX_ELEMENT_LABEL[e].zh).join('、')}。请先完成评估再结束核实。`,
      en: `Not all six elements are assessed; missing: ${missing.map((e) => SIX_ELEMENT_LABEL[e].en).join(', ')}. Assess them before ending verification.`,
    },
  );
}

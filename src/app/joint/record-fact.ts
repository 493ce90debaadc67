/**
 * The investigator records a fact common to every official of a joint matter, once: in one
 * transaction it is recorded in each case (source 'joint', superseding the case's earlier common
 * value), except where the case has a value of its own for the fact, which stands (the case's own
 * wins). Each case's trail shows it — `case.joint_fact_recorded`, with `applied` false where the
 * case's own value stood — so every case's file and chain stay complete on their own; each case
 * must allow recording a fact (recordFact's rule: its investigator, in verification), or none is
 * changed.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles.js';
import { factProblems } from '../../policy/facts.js';
import type { FactValue } from '../../policy/model.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { caseFacts } from '../tables.js';
import { currentValueOf, factDeclsOf, supersedeFact } from '../cases/record-fact.js';
import { optionalText } from '../cases/text-input.js';
import { transitionIn, type TransitionScope } from '../cases/transition.js';
import { lockJointMatter, type JointRequest } from './matter.js';

export interface JointFactInput extends JointRequest {
  readonly fact: string;
  /** The value; null records that the fact is explicitly unknown. */
  readonly value: FactValue | null;
  readonly note?: string;
}

export interface JointFactResult {
  readonly version: number;
  /** The cases the value was recorded in. */
  readonly applied: readonly string[];
  /** The cases whose own value for the fact stands. */
  readonly kept: readonly string[];
}

export async function recordJointFact(
  ctx: AppContext,
  actor: Actor,
  req: JointFactInput,
): Promise<JointFactResult> {
  if (typeof req.fact !== 'string' || req.fact.trim() === '') {
    throw invalid('fact', '请指明要记录的事实。', 'name the fact to record.');
  }
  if (req.value === undefined) {
    throw invalid(
      'value',
      '请给出事实的取值；尚不清楚时填 null。',
      'give the value of the fact; use null when it is not known.',
    );
  }
  const fact = req.fact.trim();
  const note = optionalText('note', req.note, {
    what: { zh: '说明', en: 'the note' },
    ...TEXT_LIMITS.note,
  });
  return ctx.store.tx(async (tx) => {
    const { matter, cases } = await lockJointMatter(tx, req);
    const applied: string[] = [];
    const kept: string[] = [];
    for (const c of cases) {
      const { result } = await transitionIn(
        ctx,
        tx,
        actor,
        'recordFact',
        { caseId: c.id, expectedVersion: c.version },
        (scope) => recordIn(ctx, scope, { fact, value: req.value, note, jointMatterId: matter.id }),
      );
      (result.applied ? applied : kept).push(c.id);
    }
    return { version: matter.version, applied, kept };
  });
}

async function recordIn(
  ctx: AppContext,
  { tx, loaded, actor, now }: TransitionScope,
  f: { fact: string; value: FactValue | null; note: string; jointMatterId: string },
) {
  const row = loaded.row;
  const problems = factProblems({ [f.fact]: f.value }, factDeclsOf(ctx, row), 'fact');
  if (problems.length > 0) {
    const p = problems[0]!;
    throw new AppError('POLICY_INPUT', { code: p.code, fact: f.fact, caseId: row.id }, p.message);
  }
  const prev = await currentValueOf(tx, row.id, f.fact);
  const own = prev !== undefined && prev.source !== 'joint';
  if (!own) {
    await supersedeFact(tx, row.id, f.fact, now);
    await tx.insert(caseFacts).values({
      id: randomUUID(),
      caseId: row.id,
      jurisdictionId: row.jurisdictionId,
      fact: f.fact,
      value: f.value,
      source: 'joint',
      evidenceIds: [],
      note: f.note,
      recordedBy: actor.userId,
      recordedAt: now,
    });
  }
  return {
    event: 'case.joint_fact_recorded',
    reason: f.note,
    payload: {
      jointMatterId: f.jointMatterId,
      fact: f.fact,
      value: f.value,
      applied: !own,
      previous: prev ? prev.value : null,
      previousSource: prev ? prev.source : null,
    },
    result: { applied: !own },
  };
}

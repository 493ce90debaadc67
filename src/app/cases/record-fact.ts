/**
 * The investigator establishes a fact: checked against the facts the case's pack version declares,
 * with its provenance (who, when, on which evidence). The fact's current value is superseded, never
 * overwritten, so the history of every fact stays on record.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { factProblems } from '../../policy/facts.js';
import type { FactDecl, FactValue } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import type { AnyDb, AppTx } from '../db.js';
import { caseFacts, evidence } from '../tables.js';
import { casePolicy, type CaseRow } from './record.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { isUuid, optionalText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface RecordFactInput extends TransitionRequest {
  readonly fact: string;
  /** The value; null records that the fact is explicitly unknown. */
  readonly value: FactValue | null;
  readonly note?: string;
  /** Evidence of this case the value rests on. */
  readonly evidenceIds?: readonly string[];
}

/** The facts declared by the pack version bound to the case (or in force at its conduct). */
export function factDeclsOf(
  ctx: AppContext,
  row: Pick<CaseRow, 'packId' | 'packVersion' | 'conductDate'>,
): ReadonlyMap<string, FactDecl> {
  return casePolicy(ctx, row).eff.facts;
}

/** The case's current facts: the latest value of each fact that has not been superseded. */
export async function currentFacts(
  tx: AnyDb,
  caseId: string,
): Promise<Record<string, FactValue | null>> {
  const rows = await tx
    .select({ fact: caseFacts.fact, value: caseFacts.value, recordedAt: caseFacts.recordedAt })
    .from(caseFacts)
    .where(and(eq(caseFacts.caseId, caseId), isNull(caseFacts.supersededAt)))
    .orderBy(caseFacts.recordedAt);
  const out: Record<string, FactValue | null> = {};
  for (const r of rows) out[r.fact] = (r.value ?? null) as FactValue | null;
  return out;
}

/** The fact's current value (the latest, should there be more than one) and its source. */
export async function currentValueOf(
  tx: AnyDb,
  caseId: string,
  fact: string,
): Promise<{ value: FactValue | null; source: string } | undefined> {
  const [current] = await tx
    .select({ value: caseFacts.value, source: caseFacts.source })
    .from(caseFacts)
    .where(
      and(eq(caseFacts.caseId, caseId), eq(caseFacts.fact, fact), isNull(caseFacts.supersededAt)),
    )
    .orderBy(desc(caseFacts.recordedAt))
    .limit(1)
    .prepare('current_fact_value')
    .execute();
  return current
    ? { value: (current.value ?? null) as FactValue | null, source: current.source }
    : undefined;
}

/** Marks the fact's current value (or values) superseded at `at`. */
export async function supersedeFact(tx: AppTx, caseId: string, fact: string, at: Date) {
  await tx
    .update(caseFacts)
    .set({ supersededAt: at })
    .where(
      and(eq(caseFacts.caseId, caseId), eq(caseFacts.fact, fact), isNull(caseFacts.supersededAt)),
    )
    .prepare('supersede_fact')
    .execute();
}

/** Every evidence id given belongs to this case. */
async function checkEvidenceOfCase(tx: AnyDb, caseId: string, evidenceIds: readonly string[]) {
  if (evidenceIds.length === 0) return;
  const found = await tx
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(eq(evidence.caseId, caseId), inArray(evidence.id, [...evidenceIds])));
  const known = new Set(found.map((e) => e.id));
  const foreign = evidenceIds.filter((id) => !known.has(id));
  if (foreign.length > 0) {
    throw invalid(
      'evidenceIds',
      `证据 ${foreign.join('、')} 不属于本案；请先将证据上传到本案。`,
      `evidence ${foreign.join(', ')} does not belong to this case; add it to this case first.`,
    );
  }
}

export async function recordFact(ctx: AppContext, actor: Actor, req: RecordFactInput) {
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
  const note = optionalText('note', req.note, {
    what: { zh: '说明', en: 'the note' },
    ...TEXT_LIMITS.note,
  });
  const evidenceIds = [...new Set(req.evidenceIds ?? [])];
  const malformed = evidenceIds.filter((id) => !isUuid(id));
  if (malformed.length > 0) {
    throw invalid(
      'evidenceIds',
      `证据编号 ${malformed.join('、')} 格式不正确。`,
      `evidence id ${malformed.join(', ')} is not well formed.`,
    );
  }
  const fact = req.fact.trim();
  return runTransition(ctx, actor, 'recordFact', req, async ({ tx, loaded, now }) => {
    const row = loaded.row;
    const problems = factProblems({ [fact]: req.value }, factDeclsOf(ctx, row), 'fact');
    if (problems.length > 0) {
      throw new AppError('POLICY_INPUT', { code: problems[0]!.code, fact }, problems[0]!.message);
    }
    await checkEvidenceOfCase(tx, row.id, evidenceIds);
    const prev = await currentValueOf(tx, row.id, fact);
    await supersedeFact(tx, row.id, fact, now);
    const id = randomUUID();
    await tx
      .insert(caseFacts)
      .values({
        id,
        caseId: row.id,
        jurisdictionId: row.jurisdictionId,
        fact,
        value: req.value,
        source: 'investigator',
        evidenceIds,
        note,
        recordedBy: actor.userId,
        recordedAt: now,
      })
      .prepare('insert_case_fact')
      .execute();
    return {
      event: 'case.fact_recorded',
      reason: note,
      payload: {
        fact,
        value: req.value,
        previous: prev ? prev.value : null,
        previousSource: prev ? prev.source : null,
        source: 'investigator',
        evidenceIds,
      },
      result: { factId: id },
    };
  });
}

/**
 * The investigator establishes a fact: checked against the facts the case's pack version declares,
 * with its provenance (who, when, on which evidence). The fact's current value is superseded, never
 * overwritten, so the history of every fact stays on record.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { factProblems } from '../../policy/facts.js';
import type { FactDecl, FactValue } from '../../policy/model.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { caseFacts, cases, evidence } from '../tables.js';
import type { CaseRow, ReadWithCase } from './record.js';
import { isUuid, optionalText } from './text-input.js';
import { insertRow, runTransition, type TransitionRequest, type Write } from './transition.js';
import type { AnyDb } from '../compiled.js';

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
  const compiled = row.packVersion
    ? ctx.engine.version(row.packId, row.packVersion, row.conductDate)
    : ctx.engine.at(row.packId, row.conductDate);
  return compiled.eff.facts;
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

/**
 * The fact's current value (the latest, should there be more than one) and its source, read in
 * the same statement as the case: it goes into the event, and the change supersedes it.
 */
function currentValueOf(fact: string): ReadWithCase {
  return {
    key: 'current_fact',
    columns: (p) => ({
      current: sql`(select json_build_object('value', f.value, 'source', f.source) from case_facts f where f.case_id = ${cases.id} and f.fact = ${p('fact')} and f.superseded_at is null order by f.recorded_at desc limit 1)`,
    }),
    values: { fact },
  };
}

/** Marks the fact's current value (or values) superseded at `at`. */
export function supersedeFact(caseId: string, fact: string, at: Date): Write {
  return {
    key: 'supersede_fact',
    build: (db, p) =>
      db
        .update(caseFacts)
        .set({ supersededAt: p('at') } as never)
        .where(
          and(
            eq(caseFacts.caseId, p('caseId')),
            eq(caseFacts.fact, p('fact')),
            isNull(caseFacts.supersededAt),
          ),
        ),
    values: { caseId, fact, at },
  };
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
    max: 5000,
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
  return runTransition(
    ctx,
    actor,
    'recordFact',
    req,
    async ({ db, extra, loaded, now }) => {
      const row = loaded.row;
      const problems = factProblems({ [fact]: req.value }, factDeclsOf(ctx, row), 'fact');
      if (problems.length > 0) {
        throw new AppError('POLICY_INPUT', { code: problems[0]!.code, fact }, problems[0]!.message);
      }
      if (evidenceIds.length > 0) {
        const found = await db
          .select({ id: evidence.id })
          .from(evidence)
          .where(and(eq(evidence.caseId, row.id), inArray(evidence.id, evidenceIds)));
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
      const prev = extra['current'] as { value: FactValue | null; source: string } | null;
      const id = randomUUID();
      const write = insertRow(caseFacts, {
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
      });
      return {
        event: 'case.fact_recorded',
        reason: note,
        payload: {
          fact,
          value: req.value,
          previous: prev ? (prev.value ?? null) : null,
          previousSource: prev ? prev.source : null,
          source: 'investigator',
          evidenceIds,
        },
        writes: [supersedeFact(row.id, fact, now), write],
        result: { factId: id },
      };
    },
    currentValueOf(fact),
  );
}

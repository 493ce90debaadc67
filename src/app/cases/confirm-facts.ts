/**
 * The investigator confirms several facts as verified at once: each named fact's current value,
 * as the applicant (or the ex-officio referral) gave it, is re-recorded with the investigator as
 * its source, keeping its value and evidence; the earlier row is superseded, not overwritten.
 *
 * One request, one transaction, one event (`case.facts_confirmed`) listing every fact confirmed
 * with its value: the officer makes one act of verification at one moment, so the trail shows it
 * as one act, and either every fact is confirmed or none is (a fact that cannot be confirmed
 * refuses the whole request, naming it).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { FactValue } from '../../policy/model.js';
import { CONFIRMABLE_FACT_SOURCES, MAX_FACTS_CONFIRMED } from '../../shared/case.js';
import { TEXT_LIMITS } from '../../shared/limits.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import type { AppTx } from '../db.js';
import { caseFacts } from '../tables.js';
import { optionalText } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface ConfirmFactsInput extends TransitionRequest {
  /** The facts to confirm, by their pack id. */
  readonly facts: readonly string[];
  readonly note?: string;
}

type FactRow = typeof caseFacts.$inferSelect;

function checkedNames(facts: unknown): string[] {
  const names = Array.isArray(facts)
    ? [...new Set(facts.filter((f): f is string => typeof f === 'string').map((f) => f.trim()))]
    : [];
  if (names.length === 0 || names.some((n) => n === '')) {
    throw invalid('facts', '请勾选要确认的事实。', 'tick the facts to confirm.');
  }
  if (names.length > MAX_FACTS_CONFIRMED) {
    throw invalid(
      'facts',
      `一次最多确认 ${MAX_FACTS_CONFIRMED} 项事实，请分批确认。`,
      `confirm at most ${MAX_FACTS_CONFIRMED} facts at once; confirm them in batches.`,
    );
  }
  return names;
}

/** The current rows of the named facts; every name must have one the investigator may confirm. */
async function confirmableRows(tx: AppTx, caseId: string, names: readonly string[]) {
  const rows = await tx
    .select()
    .from(caseFacts)
    .where(
      and(
        eq(caseFacts.caseId, caseId),
        inArray(caseFacts.fact, [...names]),
        isNull(caseFacts.supersededAt),
      ),
    );
  const byFact = new Map<string, FactRow>();
  for (const r of rows) {
    const seen = byFact.get(r.fact);
    if (!seen || seen.recordedAt < r.recordedAt) byFact.set(r.fact, r);
  }
  const sources: readonly string[] = CONFIRMABLE_FACT_SOURCES;
  const refused = names.filter((n) => !sources.includes(byFact.get(n)?.source ?? ''));
  if (refused.length > 0) {
    throw invalid(
      'facts',
      `事实 ${refused.join('、')} 没有待确认的申请人陈述（未记录或已核实认定）；请取消勾选，或用“记录事实”逐项录入。`,
      `fact ${refused.join(', ')} has no statement waiting for confirmation (not recorded, or already verified); untick it, or record it with 'Record a fact'.`,
    );
  }
  return names.map((n) => byFact.get(n)!);
}

export async function confirmFacts(ctx: AppContext, actor: Actor, req: ConfirmFactsInput) {
  const names = checkedNames(req.facts);
  const note = optionalText('note', req.note, {
    what: { zh: '说明', en: 'the note' },
    ...TEXT_LIMITS.note,
  });
  return runTransition(ctx, actor, 'recordFact', req, async ({ tx, loaded, now }) => {
    const row = loaded.row;
    const current = await confirmableRows(tx, row.id, names);
    await tx
      .update(caseFacts)
      .set({ supersededAt: now })
      .where(
        inArray(
          caseFacts.id,
          current.map((r) => r.id),
        ),
      );
    const confirmed = current.map((r) => ({
      id: randomUUID(),
      fact: r.fact,
      value: (r.value ?? null) as FactValue | null,
      previousSource: r.source,
      evidenceIds: r.evidenceIds,
    }));
    await tx.insert(caseFacts).values(
      confirmed.map((c) => ({
        id: c.id,
        caseId: row.id,
        jurisdictionId: row.jurisdictionId,
        fact: c.fact,
        value: c.value,
        source: 'investigator',
        evidenceIds: c.evidenceIds,
        note,
        recordedBy: actor.userId,
        recordedAt: now,
      })),
    );
    return {
      event: 'case.facts_confirmed',
      reason: note,
      payload: {
        facts: confirmed.map((c) => ({
          fact: c.fact,
          value: c.value,
          previousSource: c.previousSource,
        })),
        source: 'investigator',
      },
      result: { facts: confirmed.map((c) => ({ fact: c.fact, factId: c.id })) },
    };
  });
}

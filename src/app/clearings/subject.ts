/**
 * The case's name clearing (澄清正名) as the rules see it (CaseSubject.clearing, policies.ts):
 * whether the determination in force clears the official (its outcome, cases.outcome_in_force, is
 * one of CLEARING_OUTCOMES), and the clearing's state, finding and referral. Loaded by the
 * clearing use cases (runTransition's `subject` option, the case locked) and by the case view,
 * once the case is determined.
 */
import { eq } from 'drizzle-orm';
import type { ClearingSubject } from '../../domain/clearing-conditions.js';
import { CLEARING_OUTCOMES } from '../../shared/clearings.js';
import type { LoadedCase } from '../cases/record.js';
import { isDetermined } from '../cases/record.js';
import type { AnyDb } from '../db.js';
import { AppError } from '../errors.js';
import { nameClearings } from '../tables.js';

export type ClearingRow = typeof nameClearings.$inferSelect;

/** The case's clearing row, or null when none is recorded. */
export async function readClearing(db: AnyDb, caseId: string): Promise<ClearingRow | null> {
  const [row] = await db.select().from(nameClearings).where(eq(nameClearings.caseId, caseId));
  return row ?? null;
}

/** The clearing as the rules see it, from its row and the outcome in force. */
export function clearingSubject(
  row: ClearingRow | null,
  outcomeInForce: string | null,
): ClearingSubject {
  return {
    clears: outcomeInForce !== null && CLEARING_OUTCOMES.includes(outcomeInForce),
    state: row?.state ?? null,
    finding: row?.finding ?? null,
    referred: row?.referredOn != null,
  };
}

/** The loaded case with its clearing, given its row (read by the caller). */
export function withClearingRow(loaded: LoadedCase, row: ClearingRow | null): LoadedCase {
  if (!isDetermined(loaded.row.state)) return loaded;
  const clearing = clearingSubject(row, loaded.row.outcomeInForce);
  return { ...loaded, subject: { ...loaded.subject, clearing } };
}

/** The loaded case with its clearing (nothing before a determination). */
export async function withClearing(db: AnyDb, loaded: LoadedCase): Promise<LoadedCase> {
  if (!isDetermined(loaded.row.state)) return loaded;
  return withClearingRow(loaded, await readClearing(db, loaded.row.id));
}

/** The clearing a transition works on: the rule saw it, so it exists. */
export async function clearingForChange(db: AnyDb, caseId: string): Promise<ClearingRow> {
  const row = await readClearing(db, caseId);
  if (!row) throw new AppError('NOT_FOUND', { caseId, what: 'name_clearing' });
  return row;
}

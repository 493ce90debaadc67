/**
 * The case's accountability matter as the linkage rules see it (`CaseSubject.matter`,
 * src/domain/matter-conditions.ts): null when the case has none. Loaded by the matter's
 * transitions through runTransition's `subject` option, and given by the case view from the case
 * file it reads anyway (no extra query).
 */
import { eq } from 'drizzle-orm';
import type { MatterSubject } from '../../domain/matter-conditions.js';
import type { MatterStatus } from '../../shared/matters.js';
import type { AppTx } from '../db.js';
import type { LoadedCase } from '../cases/record.js';
import { accountabilityMatters } from '../tables.js';

export type MatterRow = typeof accountabilityMatters.$inferSelect;

/** What the rules see of a matter row (or of the case file's matter). */
export function matterSubjectOf(
  m: Pick<MatterRow, 'status' | 'referredTo'> | null | undefined,
): MatterSubject | null {
  return m ? { status: m.status as MatterStatus, referred: m.referredTo !== null } : null;
}

/** The loaded case with its matter given to the rules. */
export function withMatterSubject(loaded: LoadedCase, matter: MatterSubject | null): LoadedCase {
  return { ...loaded, subject: { ...loaded.subject, matter } };
}

/** The case's matter row, locked for the change (a case's changes run one at a time already). */
export async function matterOfCase(tx: AppTx, loaded: LoadedCase): Promise<MatterRow | null> {
  const id = loaded.row.accountabilityMatterId;
  if (id === null) return null;
  const [m] = await tx
    .select()
    .from(accountabilityMatters)
    .where(eq(accountabilityMatters.id, id))
    .for('update');
  return m ?? null;
}

/** For runTransition's `subject` option: the case with its matter. */
export async function withMatter(tx: AppTx, loaded: LoadedCase): Promise<LoadedCase> {
  return withMatterSubject(loaded, matterSubjectOf(await matterOfCase(tx, loaded)));
}

/**
 * Correction rows written directly (migration 0020), for tests of what reads them (the reminder
 * sweep, the notifications): a correction on a determined case and its actions, in any state.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../store/index.js';
import type { CaseRow } from '../cases/record.js';
import { correctionActions, corrections, determinations, type Schema } from '../tables.js';

type CorrectionRow = typeof corrections.$inferSelect;
type ActionRow = typeof correctionActions.$inferSelect;

/** A correction of a determined case; `state` awaiting_review needs `reviewDueOn`. */
export async function insertCorrection(
  db: Db<Schema>,
  c: CaseRow,
  issuedBy: string,
  set: Partial<typeof corrections.$inferInsert> = {},
): Promise<CorrectionRow> {
  const [d] = await db.select().from(determinations).where(eq(determinations.caseId, c.id));
  if (!d) throw new Error(`case ${c.number} has no determination`);
  const awaiting = set.state === 'awaiting_review';
  const [row] = await db
    .insert(corrections)
    .values({
      id: randomUUID(),
      caseId: c.id,
      jurisdictionId: c.jurisdictionId,
      officialId: c.officialId,
      determinationId: d.id,
      documentNumber: `纠字〔2025〕${Math.floor(Math.random() * 900) + 100}号`,
      problem: '项目开工前用地手续不完备。',
      requirement: '补办用地手续，完善项目审批台账。',
      state: 'in_progress',
      round: 1,
      issuedOn: '2025-02-10',
      issuedBy,
      ...(awaiting ? { closedOn: '2025-02-20' } : {}),
      ...set,
    })
    .returning();
  return row!;
}

/** An action of a correction: owned by an official or a unit, open unless `state` says otherwise. */
export async function insertAction(
  db: Db<Schema>,
  k: CorrectionRow,
  createdBy: string,
  set: Partial<typeof correctionActions.$inferInsert> &
    ({ ownerOfficialId: string } | { ownerUnitId: string }) & { dueOn: string },
): Promise<ActionRow> {
  const seqs = await db
    .select({ seq: correctionActions.seq })
    .from(correctionActions)
    .where(eq(correctionActions.correctionId, k.id));
  const [row] = await db
    .insert(correctionActions)
    .values({
      id: randomUUID(),
      correctionId: k.id,
      caseId: k.caseId,
      jurisdictionId: k.jurisdictionId,
      seq: seqs.length + 1,
      round: k.round,
      task: '补办建设用地审批手续',
      evidenceRequired: '用地批准文件复印件',
      dueDays: 10,
      dueProvisional: false,
      state: 'open',
      returnedCount: 0,
      createdBy,
      ...set,
    })
    .returning();
  return row!;
}

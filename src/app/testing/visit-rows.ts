/**
 * Follow-up visits written directly (migration 0022), for tests of what reads them (the workbench,
 * the reminder sweep): a draw of one, and its visit of the case's determination in force,
 * scheduled unless `set` says otherwise. The draw itself is tested in src/app/visits/.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/index.js';
import type { CaseRow } from '../cases/record.js';
import { determinationInForce } from '../cases/record.js';
import { followUpVisits, visitDraws, type Schema } from '../tables.js';

type VisitRow = typeof followUpVisits.$inferSelect;

export async function insertVisit(
  db: Db<Schema>,
  c: CaseRow,
  drawnBy: string,
  set: Partial<typeof followUpVisits.$inferInsert> & { dueOn: string; drawnOn?: string },
): Promise<VisitRow> {
  const d = await determinationInForce(db, c.id);
  if (!d) throw new Error(`case ${c.number} has no determination`);
  const { drawnOn = '2025-02-20', ...visit } = set;
  const drawId = randomUUID();
  await db.insert(visitDraws).values({
    id: drawId,
    jurisdictionId: c.jurisdictionId,
    drawnOn,
    drawnBy,
    windowFrom: drawnOn,
    windowTo: visit.dueOn,
    share: 0.3,
    basis: 'x20-art15',
    seed: `test-${drawId}`,
    population: [d.id],
    selected: [d.id],
  });
  const [row] = await db
    .insert(followUpVisits)
    .values({
      id: randomUUID(),
      drawId,
      caseId: c.id,
      determinationId: d.id,
      officialId: c.officialId,
      jurisdictionId: c.jurisdictionId,
      impactEndsOn: d.impactEndsOn ?? '2025-09-30',
      state: 'scheduled',
      ...visit,
    })
    .returning();
  return row!;
}

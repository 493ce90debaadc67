/** Finding a visit for a change: it exists and lies in the actor's reading scope, else not found. */
import { eq } from 'drizzle-orm';
import { within, type Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db.js';
import { AppError } from '../errors.js';
import { isUuid } from '../cases/text-input.js';
import { cases, followUpVisits, visitDraws } from '../tables.js';
import { visitPaths, VISIT_READERS } from './scope.js';

export interface VisitRef {
  readonly id: string;
  readonly caseId: string;
  readonly drawnOn: string;
  readonly jurisdictionPath: string;
}

export async function visitRef(db: AnyDb, actor: Actor, visitId: string): Promise<VisitRef> {
  if (!isUuid(visitId)) throw new AppError('VISIT_NOT_FOUND', { visitId });
  const [v] = await db
    .select({
      id: followUpVisits.id,
      caseId: followUpVisits.caseId,
      drawnOn: visitDraws.drawnOn,
      jurisdictionPath: cases.jurisdictionPath,
    })
    .from(followUpVisits)
    .innerJoin(visitDraws, eq(visitDraws.id, followUpVisits.drawId))
    .innerJoin(cases, eq(cases.id, followUpVisits.caseId))
    .where(eq(followUpVisits.id, visitId));
  if (!v || !visitPaths(actor, VISIT_READERS).some((p) => within(v.jurisdictionPath, p))) {
    throw new AppError('VISIT_NOT_FOUND', { visitId });
  }
  return v;
}

export function visitForChange(ctx: AppContext, actor: Actor, visitId: string) {
  return visitRef(ctx.store.db, actor, visitId);
}

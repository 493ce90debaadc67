/**
 * A joint matter's row and its cases, for the changes made to all of them at once (a joint fact,
 * the panel): the matter is locked and its version checked and raised, so that two such changes run
 * one after the other and neither is made on a stale view; each case then changes through
 * `transitionIn` in the same transaction, in the order of their ids (so that two joint changes lock
 * the cases in the same order).
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { AppTx } from '../db.js';
import { AppError } from '../errors.js';
import { cases, jointMatters } from '../tables.js';
import { isUuid } from '../cases/text-input.js';

export interface JointRequest {
  readonly jointMatterId: string;
  /** The matter's version the actor acted on. */
  readonly expectedVersion: number;
}

/** Locks the matter, checks the version acted on and raises it; gives its cases' ids and versions. */
export async function lockJointMatter(tx: AppTx, req: JointRequest) {
  if (typeof req.jointMatterId !== 'string' || !isUuid(req.jointMatterId)) {
    throw new AppError('JOINT_MATTER_NOT_FOUND', { jointMatterId: String(req.jointMatterId) });
  }
  const [matter] = await tx
    .select()
    .from(jointMatters)
    .where(eq(jointMatters.id, req.jointMatterId))
    .for('update');
  if (!matter) throw new AppError('JOINT_MATTER_NOT_FOUND', { jointMatterId: req.jointMatterId });
  if (matter.version !== req.expectedVersion) {
    throw new AppError('JOINT_MATTER_VERSION_CONFLICT', {
      expectedVersion: req.expectedVersion,
      currentVersion: matter.version,
    });
  }
  await tx
    .update(jointMatters)
    .set({ version: sql`${jointMatters.version} + 1` })
    .where(eq(jointMatters.id, matter.id));
  const members = await tx
    .select({ id: cases.id, version: cases.version })
    .from(cases)
    .where(eq(cases.jointMatterId, matter.id))
    .orderBy(asc(cases.id));
  return { matter: { ...matter, version: matter.version + 1 }, cases: members };
}

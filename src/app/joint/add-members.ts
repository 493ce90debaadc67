/**
 * One panel for a joint matter: the chair seats the members on every official's case in one act
 * (one transaction; on each case the event add-members.ts writes, `case.members_added`), each case
 * checked as add-members.ts checks one — so a member who is a party to one of the cases, or would
 * decide its appeal, is refused for all. A member already sitting on a case is not seated again
 * there (so the panel formed on one case is carried to the others by naming it), and a case where
 * all already sit is left as it is. Votes and decisions stay per official (vote.ts, decide.ts).
 */
import { inArray } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import type { AppTx } from '../db.js';
import { deliberationMembers } from '../tables.js';
import { checkedIds, seating } from '../cases/add-members.js';
import { transitionIn } from '../cases/transition.js';
import { lockJointMatter, type JointRequest } from './matter.js';

export interface JointMembersInput extends JointRequest {
  readonly userIds: readonly string[];
  /** The one of them who chairs the panel, if not the acting chair. */
  readonly chairId?: string;
}

export async function addJointMembers(ctx: AppContext, actor: Actor, req: JointMembersInput) {
  const ids = checkedIds(req);
  return ctx.store.tx(async (tx) => {
    const { matter, cases } = await lockJointMatter(tx, req);
    const sitting = await sittingOn(
      tx,
      cases.map((c) => c.id),
    );
    const seated: string[] = [];
    for (const c of cases) {
      const adding = ids.filter((id) => !sitting.get(c.id)?.has(id));
      // Nobody new to seat on this case: it is left as it is.
      if (adding.length === 0) continue;
      await transitionIn(
        ctx,
        tx,
        actor,
        'addMember',
        { caseId: c.id, expectedVersion: c.version },
        seating(adding, req.chairId),
      );
      seated.push(c.id);
    }
    return { version: matter.version, cases: seated };
  });
}

/** The members sitting on each of the cases. */
async function sittingOn(tx: AppTx, caseIds: readonly string[]) {
  const rows =
    caseIds.length === 0
      ? []
      : await tx
          .select({ caseId: deliberationMembers.caseId, userId: deliberationMembers.userId })
          .from(deliberationMembers)
          .where(inArray(deliberationMembers.caseId, [...caseIds]));
  const out = new Map<string, Set<string>>();
  for (const r of rows) out.set(r.caseId, (out.get(r.caseId) ?? new Set()).add(r.userId));
  return out;
}

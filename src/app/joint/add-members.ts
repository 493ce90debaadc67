/**
 * One panel for a joint matter: the chair seats the members on every official's case in one act
 * (one transaction; on each case the event add-members.ts writes, `case.members_added`), each case
 * checked as add-members.ts checks one — so a member who is a party to one of the cases, or would
 * decide its appeal, is refused for all. Votes and decisions stay per official (vote.ts, decide.ts).
 */
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
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
    const seated: string[] = [];
    for (const c of cases) {
      await transitionIn(
        ctx,
        tx,
        actor,
        'addMember',
        { caseId: c.id, expectedVersion: c.version },
        seating(ids, req.chairId),
      );
      seated.push(c.id);
    }
    return { version: matter.version, cases: seated };
  });
}

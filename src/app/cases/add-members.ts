/**
 * The chair adds several members to the panel in one dialog: one request, one transaction, one
 * event (`case.members_added`) listing them, all or none. Each is checked as add-member.ts checks
 * one (on the committee, not a party, not one who would decide an appeal, not already sitting);
 * the first refused refuses the whole request, naming that member and why, so that the panel
 * never stands half-formed from one act. The acting chair joins first when not on the panel yet;
 * `chairId` (one of those added, who must chair the committee) presides instead of them.
 */
import type { Actor } from '../../domain/roles.js';
import { MAX_MEMBERS_ADDED } from '../../shared/limits.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
import { actingChair, checkMember, seatMembers, type CheckedMember } from './add-member.js';
import { isUuid } from './text-input.js';
import { runTransition, type TransitionRequest, type TransitionScope } from './transition.js';

export interface AddMembersInput extends TransitionRequest {
  readonly userIds: readonly string[];
  /** The one of them who chairs the panel, if not the acting chair. */
  readonly chairId?: string;
}

/** The members asked for, checked as a request before any case is read. */
export function checkedIds(req: Pick<AddMembersInput, 'userIds' | 'chairId'>): string[] {
  const ids = Array.isArray(req.userIds) ? [...new Set(req.userIds)] : [];
  if (ids.length === 0) {
    throw invalid('userIds', '请选择参加研究的成员。', 'choose the members to add.');
  }
  if (ids.length > MAX_MEMBERS_ADDED) {
    throw invalid(
      'userIds',
      `一次最多增加 ${MAX_MEMBERS_ADDED} 名成员。`,
      `add at most ${MAX_MEMBERS_ADDED} members at once.`,
    );
  }
  if (ids.some((id) => !isUuid(id))) {
    throw invalid('userIds', '用户编号格式不正确。', 'a user id is not well formed.');
  }
  if (req.chairId !== undefined && !ids.includes(req.chairId)) {
    throw invalid(
      'chairId',
      '主持人须是本次增加的成员之一。',
      'the chair must be one of the members added.',
    );
  }
  return ids;
}

export async function addMembers(ctx: AppContext, actor: Actor, req: AddMembersInput) {
  return runTransition(ctx, actor, 'addMember', req, seating(checkedIds(req), req.chairId));
}

/**
 * The transition's body: seats the members `ids` (checked by `checkedIds`). The panel of a joint
 * matter is seated on each of its cases with it (src/app/joint/add-members.ts).
 */
export function seating(ids: readonly string[], chairId: string | undefined) {
  return async ({ tx, loaded, actor }: TransitionScope) => {
    const chair = actingChair(actor, loaded, ids);
    const members: CheckedMember[] = [];
    // One after the other, in the order chosen: the first refused names itself.
    for (const id of ids) {
      const isChair = id === chairId || (id === actor.userId && chairId === undefined);
      members.push(await checkMember(tx, loaded, id, isChair));
    }
    const seated = [...(chair ? [chair] : []), ...members];
    await seatMembers(tx, loaded, seated);
    const added = seated.map(({ userId, isChair }) => ({ userId, isChair }));
    return {
      event: 'case.members_added',
      payload: { members: seated.map(({ userId, name, isChair }) => ({ userId, name, isChair })) },
      result: { added },
    };
  };
}

/**
 * The chair constitutes the deliberating panel: each member must sit on the committee of the
 * case's jurisdiction (or above it), must not be a party to the case, and must not be one who
 * would decide an appeal of it (a committee chair of a jurisdiction above: policies.ts,
 * wouldDecideAppeal) — no one hears the appeal of a decision they took part in. The chair who adds
 * the first member joins the panel as its chair. add-members.ts adds several in one change with
 * the same checks (`checkMember`, here).
 */
import { eq } from 'drizzle-orm';
import { wouldDecideAppeal } from '../../domain/policies.js';
import { within, type Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import type { AppTx } from '../db.js';
import { AppError, invalid } from '../errors.js';
import { deliberationMembers, roleGrants, users } from '../tables.js';
import type { LoadedCase } from './record.js';
import { isUuid } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface AddMemberInput extends TransitionRequest {
  readonly userId: string;
  readonly isChair?: boolean;
}

/** A member who may sit: their id, their name (to name them in the trail) and their seat. */
export interface CheckedMember {
  readonly userId: string;
  readonly name: string;
  readonly isChair: boolean;
}

/** The user's name for a message: their display name, or the id when there is no such user. */
const who = (name: string | undefined, userId: string) => name ?? userId;

/**
 * Checks that the user may sit on this case's panel (as chair when `isChair`): on the committee
 * of its jurisdiction, not a party, not one who would decide an appeal, not already sitting. Each
 * refusal names the user and says why.
 */
export async function checkMember(
  tx: AppTx,
  loaded: LoadedCase,
  userId: string,
  isChair: boolean,
): Promise<CheckedMember> {
  const row = loaded.row;
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  const grants = user
    ? await tx.select().from(roleGrants).where(eq(roleGrants.userId, user.id))
    : [];
  const over = (role: string) =>
    grants.some(
      (g) =>
        g.role === role &&
        g.scopeKind === 'jurisdiction' &&
        within(row.jurisdictionPath, g.scopePath),
    );
  const name = who(user?.displayName, userId);
  if (!user || user.disabled || !(over('committee_member') || over('committee_chair'))) {
    throw new AppError(
      'VALIDATION',
      { field: 'userId', userId },
      {
        zh: `${name} 不是本案辖区认定机构的成员，不能参加本案的集体研究。`,
        en: `${name} does not sit on the committee of this case's jurisdiction, so cannot deliberate on it.`,
      },
    );
  }
  if (isChair && !over('committee_chair')) {
    throw new AppError(
      'VALIDATION',
      { field: 'isChair', userId },
      {
        zh: `${name} 不是本案辖区认定机构的负责人，不能主持本案研究。`,
        en: `${name} does not chair the committee of this case's jurisdiction.`,
      },
    );
  }
  if (user.officialId === row.officialId || user.id === row.applicantUserId) {
    throw new AppError(
      'CASE_PARTY',
      { userId },
      {
        zh: `${name} 是本案当事人，不能参加本案的集体研究。`,
        en: `${name} is a party to this case and cannot deliberate on it.`,
      },
    );
  }
  if (wouldDecideAppeal(grants, row)) throw appealDecider(userId, name);
  if (loaded.members.some((m) => m.userId === userId)) {
    throw new AppError(
      'VALIDATION',
      { field: 'userId', userId },
      {
        zh: `${name} 已经是本案的研究成员。`,
        en: `${name} is already a member of this panel.`,
      },
    );
  }
  return { userId, name, isChair };
}

/**
 * The acting chair sits on the panel they constitute, first, when not on it yet (the permission
 * rule has already found them impartial and not a party).
 */
export function actingChair(
  actor: Actor,
  loaded: LoadedCase,
  adding: readonly string[],
): CheckedMember | undefined {
  if (adding.includes(actor.userId) || loaded.members.some((m) => m.userId === actor.userId)) {
    return undefined;
  }
  if (wouldDecideAppeal(actor.grants, loaded.row))
    throw appealDecider(actor.userId, actor.displayName);
  return { userId: actor.userId, name: actor.displayName, isChair: true };
}

/** Seats the members, in one insert, so that the panel is listed in the order added. */
export async function seatMembers(tx: AppTx, loaded: LoadedCase, added: readonly CheckedMember[]) {
  await tx.insert(deliberationMembers).values(
    added.map((m) => ({
      caseId: loaded.row.id,
      jurisdictionId: loaded.row.jurisdictionId,
      userId: m.userId,
      isChair: m.isChair,
      conflict: null,
      recused: false,
      vote: null,
      voteReason: '',
      votedAt: null,
    })),
  );
}

export async function addMember(ctx: AppContext, actor: Actor, req: AddMemberInput) {
  if (!isUuid(req.userId)) {
    throw invalid('userId', '用户编号格式不正确。', 'the user id is not well formed.');
  }
  return runTransition(ctx, actor, 'addMember', req, async ({ tx, loaded }) => {
    const isChair = req.isChair === true || req.userId === actor.userId;
    const member = await checkMember(tx, loaded, req.userId, isChair);
    const chair = actingChair(actor, loaded, [req.userId]);
    const added = [...(chair ? [chair] : []), member].map(({ userId, isChair }) => ({
      userId,
      isChair,
    }));
    await seatMembers(tx, loaded, [...(chair ? [chair] : []), member]);
    return {
      event: 'case.member_added',
      payload: { userId: req.userId, isChair, added },
      result: { added },
    };
  });
}

/** Refuses a member who would decide an appeal of the case. */
function appealDecider(userId: string, name: string): AppError {
  return new AppError(
    'VALIDATION',
    { field: 'userId', userId },
    {
      zh: `${name} 是上级认定机构负责人，将受理本案的申诉，不能参加本案的集体研究；请选择本级认定机构的成员。`,
      en: `${name} chairs a committee above this case's jurisdiction and would decide an appeal of it, so cannot sit on its panel; choose a member of this jurisdiction's committee.`,
    },
  );
}

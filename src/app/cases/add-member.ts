/**
 * The chair constitutes the deliberating panel: each member must sit on the committee of the
 * case's jurisdiction (or above it), must not be a party to the case, and must not be one who
 * would decide an appeal of it (a committee chair of a jurisdiction above: policies.ts,
 * wouldDecideAppeal) — no one hears the appeal of a decision they took part in. The chair who adds
 * the first member joins the panel as its chair.
 */
import { eq } from 'drizzle-orm';
import { wouldDecideAppeal } from '../../domain/policies.js';
import { within, type Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { deliberationMembers, roleGrants, users } from '../tables.js';
import { isUuid } from './text-input.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface AddMemberInput extends TransitionRequest {
  readonly userId: string;
  readonly isChair?: boolean;
}

export async function addMember(ctx: AppContext, actor: Actor, req: AddMemberInput) {
  if (!isUuid(req.userId)) {
    throw invalid('userId', '用户编号格式不正确。', 'the user id is not well formed.');
  }
  return runTransition(ctx, actor, 'addMember', req, async ({ tx, loaded }) => {
    const row = loaded.row;
    const [user] = await tx.select().from(users).where(eq(users.id, req.userId));
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
    const isChair = req.isChair === true || req.userId === actor.userId;
    if (!user || user.disabled || !(over('committee_member') || over('committee_chair'))) {
      throw new AppError(
        'VALIDATION',
        { field: 'userId', userId: req.userId },
        {
          zh: `userId：用户 ${req.userId} 不是本案辖区认定机构的成员，不能参加本案的集体研究。`,
          en: `userId: user ${req.userId} does not sit on the committee of this case's jurisdiction, so cannot deliberate on it.`,
        },
      );
    }
    if (isChair && !over('committee_chair')) {
      throw new AppError(
        'VALIDATION',
        { field: 'isChair', userId: req.userId },
        {
          zh: `isChair：用户 ${req.userId} 不是本案辖区认定机构的负责人，不能主持本案研究。`,
          en: `isChair: user ${req.userId} does not chair the committee of this case's jurisdiction.`,
        },
      );
    }
    if (user.officialId === row.officialId || user.id === row.applicantUserId) {
      throw new AppError(
        'CASE_PARTY',
        { userId: req.userId },
        {
          zh: `用户 ${req.userId} 是本案当事人，不能参加本案的集体研究。`,
          en: `User ${req.userId} is a party to this case and cannot deliberate on it.`,
        },
      );
    }
    if (wouldDecideAppeal(grants, row)) throw appealDecider(req.userId);
    if (loaded.members.some((m) => m.userId === req.userId)) {
      throw invalid(
        'userId',
        `用户 ${req.userId} 已经是本案的研究成员。`,
        `user ${req.userId} is already a member of this panel.`,
      );
    }
    const added: { userId: string; isChair: boolean }[] = [];
    // The acting chair sits on the panel they constitute (the permission rule has already found
    // them impartial and not a party).
    if (req.userId !== actor.userId && !loaded.members.some((m) => m.userId === actor.userId)) {
      if (wouldDecideAppeal(actor.grants, row)) throw appealDecider(actor.userId);
      added.push({ userId: actor.userId, isChair: true });
    }
    added.push({ userId: req.userId, isChair });
    // One insert, so that the panel is listed in the order added (the acting chair first).
    await tx.insert(deliberationMembers).values(
      added.map((m) => ({
        caseId: row.id,
        jurisdictionId: row.jurisdictionId,
        userId: m.userId,
        isChair: m.isChair,
        conflict: null,
        recused: false,
        vote: null,
        voteReason: '',
        votedAt: null,
      })),
    );
    return {
      event: 'case.member_added',
      payload: { userId: req.userId, isChair, added },
      result: { added },
    };
  });
}

/** Refuses a member who would decide an appeal of the case. */
function appealDecider(userId: string): AppError {
  return new AppError(
    'VALIDATION',
    { field: 'userId', userId },
    {
      zh: `userId：用户 ${userId} 是上级认定机构负责人，将受理本案的申诉，不能参加本案的集体研究；请选择本级认定机构的成员。`,
      en: `userId: user ${userId} chairs a committee above this case's jurisdiction and would decide an appeal of it, so cannot sit on its panel; choose a member of this jurisdiction's committee.`,
    },
  );
}

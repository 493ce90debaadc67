/**
 * The demo's correction (纠错) in every state, made by the real use cases after the cases are
 * played (demo.ts): six decided cases whose last event lies far enough back each get a correction
 * opinion, and the clock moves on from there through submissions, verifications, closure and the
 * effectiveness review, never past the demo's today:
 *
 *   effective       — closed, reviewed after three months and found effective; a supportive talk
 *   reopened        — found not effective, round 2 under way, its new action submitted
 *   review due      — closed more than three months ago: the chair's review waits
 *   review not due  — closed three weeks ago
 *   in progress     — one action returned, one submitted, one under watch; a reminder talk
 *   overdue         — the official's own action, past its deadline (the demo official's case)
 */
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Actor } from '../domain/roles.js';
import { within } from '../domain/roles.js';
import type { ActionInput } from './corrections/actions.js';
import { issueCorrection } from './corrections/issue-opinion.js';
import { recordTalk } from './corrections/record-talk.js';
import { reviewCorrection } from './corrections/review-effect.js';
import { submitCorrection } from './corrections/submit-action.js';
import { verifyCorrection } from './corrections/verify-action.js';
import type { AppContext } from './context.js';
import { addDaysIso } from './dates.js';
import { demoMinutesPdf } from './demo-files.js';
import { cases, correctionActions, determinations, users } from './tables.js';
import type { TransitionResult } from './cases/transition.js';

export interface CorrectionCast {
  readonly ctx: AppContext;
  /** Moves the demo's clock to `day` (or on by a few minutes the same day). */
  readonly at: (day: string) => void;
  readonly actor: (username: string) => Actor;
  /** The usernames of the unit party organizations. */
  readonly unitParties: readonly string[];
  /** The demo's last day. */
  readonly asOf: string;
}

interface Target {
  readonly id: string;
  version: number;
  readonly officialId: string;
  readonly unitPath: string;
  /** The day after its last event. */
  readonly from: string;
}

const PROBLEMS = [
  {
    problem: '项目推进中存在先行实施、后补手续的情况，相关审批程序执行不够严格，留下履约风险。',
    requirement: '补齐相关审批手续，完善重大事项开工（实施）前合规审查机制，举一反三排查同类问题。',
  },
  {
    problem: '对政策执行中可能出现的风险预判不足，请示报告不够及时，造成一定的经济损失。',
    requirement: '采取措施挽回损失、消除影响，健全风险研判和请示报告制度，提交书面情况说明。',
  },
];

const UNIT_ACTION: ActionInput = {
  task: '补齐相关审批手续，形成完整档案',
  evidenceRequired: '审批文件复印件及归档目录',
  owner: 'unit',
};
const RULES_ACTION: ActionInput = {
  task: '修订完善开工（实施）前合规审查制度',
  evidenceRequired: '印发的制度文件',
  owner: 'unit',
  dueDays: 20,
};
const OWN_ACTION: ActionInput = {
  task: '提交书面情况说明和个人整改报告',
  evidenceRequired: '本人签字的整改报告',
  owner: 'official',
  dueDays: 10,
};

/** Decided cases (closed or filed) by their last event, the oldest first, not the excluded. */
async function targets(
  c: CorrectionCast,
  n: number,
  before: string,
  not: readonly string[],
  officialId?: string,
) {
  const rows = await c.ctx.store.db
    .selectDistinct({
      id: cases.id,
      version: cases.version,
      officialId: cases.officialId,
      unitPath: cases.unitPath,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .innerJoin(determinations, eq(determinations.caseId, cases.id))
    .where(
      and(
        inArray(cases.state, ['closed', 'filed']),
        lt(cases.updatedAt, new Date(before)),
        officialId === undefined ? undefined : eq(cases.officialId, officialId),
      ),
    )
    .orderBy(asc(cases.updatedAt), asc(cases.id))
    .limit(n + not.length);
  return rows
    .filter((r) => !not.includes(r.id))
    .slice(0, n)
    .map((r) => ({
      id: r.id,
      version: r.version,
      officialId: r.officialId,
      unitPath: r.unitPath,
      from: addDaysIso(r.updatedAt.toISOString().slice(0, 10), 2),
    }));
}

class Play {
  constructor(
    readonly c: CorrectionCast,
    readonly t: Target,
  ) {}

  req() {
    return { caseId: this.t.id, expectedVersion: this.t.version };
  }

  took<T>(res: TransitionResult<T>): TransitionResult<T> {
    this.t.version = res.case.version;
    return res;
  }

  /** The case's unit party organization. */
  unit(): Actor {
    for (const u of this.c.unitParties) {
      const a = this.c.actor(u);
      if (a.grants.some((g) => g.role === 'unit_party' && within(this.t.unitPath, g.scopePath))) {
        return a;
      }
    }
    throw new Error(`demo: no unit party over ${this.t.unitPath}`);
  }

  async official(): Promise<Actor> {
    const [u] = await this.c.ctx.store.db
      .select({ username: users.username })
      .from(users)
      .where(eq(users.officialId, this.t.officialId));
    if (!u) throw new Error('demo: the official has no login');
    return this.c.actor(u.username);
  }

  async actionIds(): Promise<string[]> {
    const rows = await this.c.ctx.store.db
      .select({ id: correctionActions.id })
      .from(correctionActions)
      .where(eq(correctionActions.caseId, this.t.id))
      .orderBy(asc(correctionActions.seq));
    return rows.map((r) => r.id);
  }

  async issue(day: string, actions: readonly ActionInput[], which = 0) {
    this.c.at(day);
    this.took(
      await issueCorrection(this.c.ctx, this.c.actor('chair'), {
        ...this.req(),
        ...PROBLEMS[which % PROBLEMS.length]!,
        actions,
      }),
    );
  }

  async submit(day: string, by: Actor, actionId: string, text: string, withFile = false) {
    this.c.at(day);
    this.took(
      await submitCorrection(this.c.ctx, by, {
        ...this.req(),
        actionId,
        submission: text,
        ...(withFile
          ? {
              files: [
                {
                  filename: '整改材料.pdf',
                  mediaType: 'application/pdf',
                  content: demoMinutesPdf(day),
                },
              ],
            }
          : {}),
      }),
    );
  }

  async verify(
    day: string,
    actionId: string,
    verdict: 'confirmed' | 'not_confirmed' | 'inconclusive',
    reasons?: string,
    dueDays?: number,
  ) {
    this.c.at(day);
    return this.took(
      await verifyCorrection(this.c.ctx, this.c.actor('liaison'), {
        ...this.req(),
        actionId,
        verdict,
        ...(reasons ? { reasons } : {}),
        ...(dueDays ? { dueDays } : {}),
      }),
    );
  }

  async talk(day: string, kind: 'supportive' | 'reminder', summary: string) {
    this.c.at(day);
    this.took(
      await recordTalk(this.c.ctx, this.c.actor('liaison'), {
        ...this.req(),
        kind,
        heldOn: day,
        participants: '区委组织部干部监督科科长，本人',
        summary,
        followUp: kind === 'reminder' ? '一个月后了解整改进展。' : '',
      }),
    );
  }

  /** Issue, both owners submit, the liaison confirms both: closed. Returns the review's day. */
  async toClosure(start: string, which: number): Promise<string> {
    await this.issue(start, [UNIT_ACTION, OWN_ACTION], which);
    const [unitAction, own] = await this.actionIds();
    await this.submit(
      addDaysIso(start, 6),
      this.unit(),
      unitAction!,
      '已补齐审批手续并归档。',
      true,
    );
    await this.submit(addDaysIso(start, 7), await this.official(), own!, '已提交书面整改报告。');
    await this.verify(addDaysIso(start, 9), unitAction!, 'confirmed', '材料齐全，核实到位。');
    const res = await this.verify(addDaysIso(start, 9), own!, 'confirmed');
    return (res.result.correctionClosed as { reviewDueOn: string }).reviewDueOn;
  }
}

export async function playCorrections(c: CorrectionCast): Promise<void> {
  // The demo official's own action, past its deadline, on their workbench: chosen first.
  const [main] = await c.ctx.store.db
    .select({ officialId: users.officialId })
    .from(users)
    .where(eq(users.username, 'official'));
  const [own] = main?.officialId
    ? await targets(c, 1, addDaysIso(c.asOf, -45), [], main.officialId)
    : [];
  const mine = own ? [own.id] : [];
  const long = await targets(c, 3, addDaysIso(c.asOf, -130), mine);
  const [effective, reopened, due] = long.map((t) => new Play(c, t));
  if (effective) {
    const reviewOn = await effective.toClosure(effective.t.from, 0);
    await effective.talk(addDaysIso(effective.t.from, 3), 'supportive', SUPPORTIVE);
    c.at(reviewOn);
    effective.took(
      await reviewCorrection(c.ctx, c.actor('chair'), {
        ...effective.req(),
        finding: 'effective',
        reasons: '经回访了解和实地核查，整改措施落实到位，同类问题未再发生。',
      }),
    );
  }
  if (reopened) {
    const reviewOn = await reopened.toClosure(reopened.t.from, 1);
    c.at(reviewOn);
    reopened.took(
      await reviewCorrection(c.ctx, c.actor('chair'), {
        ...reopened.req(),
        finding: 'not_effective',
        reasons: '抽查发现同类问题在其他项目中仍有发生，整改成效不明显，需重新整改。',
        actions: [
          {
            task: '对全部在建项目开展合规排查，逐项建立台账',
            evidenceRequired: '排查报告及问题台账',
            owner: 'unit',
            dueDays: 20,
          },
        ],
      }),
    );
    const third = (await reopened.actionIds())[2]!;
    await reopened.submit(
      addDaysIso(reviewOn, 12),
      reopened.unit(),
      third,
      '已完成排查，建立台账。',
    );
  }
  if (due) await due.toClosure(due.t.from, 0);
  await recentCorrections(c, [...mine, ...long.map((t) => t.id)], own);
}

const SUPPORTIVE = '肯定其敢于担当、主动作为，帮助分析问题成因，鼓励其放下包袱、继续大胆开展工作。';

/** The corrections of the last weeks: closed, in progress, overdue. */
async function recentCorrections(
  c: CorrectionCast,
  used: readonly string[],
  own: Target | undefined,
) {
  const [fresh, mixed, overdue] = (await targets(c, 3, addDaysIso(c.asOf, -45), used)).map(
    (t) => new Play(c, t),
  );
  if (fresh) {
    // Closed three weeks ago: the review is not yet due.
    const start = addDaysIso(c.asOf, -30);
    await fresh.toClosure(start < fresh.t.from ? fresh.t.from : start, 1);
  }
  if (mixed) {
    const start = addDaysIso(c.asOf, -25);
    await mixed.issue(start, [UNIT_ACTION, OWN_ACTION, RULES_ACTION], 1);
    const [unitAction, ownAction, rules] = await mixed.actionIds();
    await mixed.talk(addDaysIso(start, 2), 'reminder', '提醒其严格按程序办事，按期完成整改。');
    await mixed.submit(addDaysIso(start, 8), mixed.unit(), unitAction!, '已补办部分手续。');
    await mixed.verify(
      addDaysIso(start, 10),
      unitAction!,
      'not_confirmed',
      '尚缺规划许可文件，请补齐后重新报送。',
      15,
    );
    await mixed.submit(addDaysIso(start, 12), mixed.unit(), rules!, '已起草制度，提交审议。');
    await mixed.verify(
      addDaysIso(start, 14),
      rules!,
      'inconclusive',
      '制度尚待党组会审议印发，印发后再行核实。',
    );
    await mixed.submit(
      addDaysIso(start, 16),
      await mixed.official(),
      ownAction!,
      '已提交整改报告。',
    );
  }
  // The demo official's own case where there is one, else another's.
  const late = own ? new Play(c, own) : overdue;
  if (late) await late.issue(addDaysIso(c.asOf, -40), [OWN_ACTION], 0);
}

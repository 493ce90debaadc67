/**
 * The demo's joint matter (共同失误，多人一案), made by the real use cases on the demo's last day,
 * after the other matters are played (demo-matters.ts picks matters by state; this one comes after
 * it, so that nothing there changes): a road of the old-neighbourhood renewal built before its
 * approval, three officials with different roles, each decided on their own case —
 *
 *   直接责任      the public works section chief who had the works start   → the common facts
 *   主要领导责任  the bureau's deputy director in charge, who knew of the
 *                 higher level's ban (a fact of his own)                     → knowinglyViolated
 *   重要领导责任  the approval bureau's deputy director, who took part in the
 *                 decision and led the remediation (a fact of his own)       → remediation effective
 *
 * The investigator records one fact for all (the remediation, partial), which the third one's own
 * value overrides; one panel is seated on the three cases in one act, votes on each and the chair
 * decides each on its recommendation, so that the three outcomes differ.
 */
import { SIX_ELEMENTS } from '../domain/case-states.js';
import type { Actor } from '../domain/roles.js';
import type { AppContext } from './context.js';
import { addDaysIso } from './dates.js';
import { GOOD_FAITH } from './demo-data.js';
import { acceptCase } from './cases/accept.js';
import { answerConsultation } from './cases/answer-consultation.js';
import { assessElement } from './cases/assess.js';
import { completeConsultation } from './cases/complete-consultation.js';
import { completeVerification } from './cases/complete-verification.js';
import { decideCase } from './cases/decide.js';
import type { CaseRow } from './cases/record.js';
import { recordOpinion } from './cases/record-opinion.js';
import { castVote } from './cases/vote.js';
import { addJointMembers } from './joint/add-members.js';
import { openJointMatter } from './joint/open.js';
import { recordJointFact } from './joint/record-fact.js';
import { getJointMatter } from './queries/joint-matter.js';
import { consultations, cases } from './tables.js';
import { and, eq, isNull } from 'drizzle-orm';
import type { Responsibility } from '../shared/joint.js';

export interface JointCast {
  readonly ctx: AppContext;
  readonly at: (day: string) => void;
  readonly actor: (username: string) => Actor;
  /** The demo's last day. */
  readonly asOf: string;
  readonly officials: readonly { readonly id: string; readonly unitKey: string }[];
  /** The consulted department's officer who signs its opinion, if it has one. */
  readonly departmentOfficer: (department: string) => Actor | undefined;
}

/** The joint matter's cases: three, each determined (besides the cases CASE_SPECS plans). */
export const DEMO_JOINT_CASES = 3;

const MINUTES =
  '认定机构于本日召开会议，对同一事项涉及的三名干部逐人研究，成员四人参加，分别表决。';

export async function playJointMatter(cast: JointCast): Promise<void> {
  const { ctx, actor } = cast;
  cast.at(cast.asOf);
  const of = (unit: string, i: number) => cast.officials.filter((o) => o.unitKey === unit)[i];
  const parts: [ReturnType<typeof of>, Responsibility, Record<string, boolean | string>][] = [
    [of('build-works', 0), 'direct', {}],
    [of('build', 1), 'principal_leadership', { knowinglyViolated: true }],
    [of('approval', 1), 'important_leadership', { remediation: 'effective' }],
  ];
  if (parts.some(([o]) => o === undefined)) return;
  const opened = await openJointMatter(ctx, actor('investigator'), {
    title: '老旧小区改造配套道路未批先建问题',
    summary:
      '为赶在雨季前完成老旧小区改造配套道路，区级联席会议研究后，规划建设局在施工许可办结前组织开工，后因上级专项检查叫停整改。',
    openedOn: addDaysIso(cast.asOf, -20),
    conductDate: addDaysIso(cast.asOf, -150),
    facts: { ...GOOD_FAITH, proceduralDefect: true },
    source: 'supervision',
    sourceDetail: '上级住建部门专项检查反馈问题第3项',
    officials: parts.map(([o, responsibility, facts]) => ({
      officialId: o!.id,
      responsibility,
      facts,
    })),
  });
  const rows = [...opened.cases];
  for (const [i, r] of rows.entries()) rows[i] = await accept(cast, r);
  await recordJointFact(ctx, actor('investigator'), {
    jointMatterId: opened.jointMatterId,
    expectedVersion: 1,
    fact: 'remediation',
    value: 'partial',
    note: '经核实，道路已补办施工许可，但部分路段返工尚未完成，损失部分挽回。',
  });
  for (const [i, r] of rows.entries()) rows[i] = await toDeliberation(cast, await fresh(ctx, r));
  const view = await getJointMatter(ctx, actor('chair'), rows[0]!.id);
  await addJointMembers(ctx, actor('chair'), {
    jointMatterId: opened.jointMatterId,
    expectedVersion: view!.version,
    userIds: ['member1', 'member2', 'member3'].map((m) => actor(m).userId),
  });
  const recommended = new Map(
    view!.officials.map((o) => [o.caseId, o.deliberation!.recommendation.id]),
  );
  for (const r of rows) await decide(cast, await fresh(ctx, r), recommended.get(r.id)!);
}

async function fresh(ctx: AppContext, r: CaseRow): Promise<CaseRow> {
  const [row] = await ctx.store.db.select().from(cases).where(eq(cases.id, r.id));
  return row!;
}

const v = (r: CaseRow) => ({ caseId: r.id, expectedVersion: r.version });

async function accept(cast: JointCast, r: CaseRow): Promise<CaseRow> {
  return (await acceptCase(cast.ctx, cast.actor('intake'), v(r))).case;
}

const ASSESSED = '经核实，该同志系为推进民生工程，未谋取私利，情况已逐项核实。';

/** The six elements assessed, verification completed, the departments consulted. */
async function toDeliberation(cast: JointCast, r: CaseRow): Promise<CaseRow> {
  const { ctx } = cast;
  const investigator = cast.actor('investigator');
  let row = r;
  for (const element of SIX_ELEMENTS) {
    row = (
      await assessElement(ctx, investigator, {
        ...v(row),
        element,
        rating: 'favourable',
        notes: ASSESSED,
      })
    ).case;
  }
  row = (await completeVerification(ctx, investigator, { ...v(row), note: '核实完毕。' })).case;
  if (row.state !== 'consultation') return row;
  const pending = await ctx.store.db
    .select()
    .from(consultations)
    .where(and(eq(consultations.caseId, row.id), isNull(consultations.opinion)));
  for (const p of pending) {
    const req = {
      ...v(row),
      consultationId: p.id,
      opinion: '经查，同意按办法对涉及的干部分别研究认定。',
    };
    const officer = cast.departmentOfficer(p.department);
    row = (
      officer
        ? await answerConsultation(ctx, officer, req)
        : await recordOpinion(ctx, investigator, {
            ...req,
            replyReference: `党组复〔${cast.asOf.slice(0, 4)}〕${row.number.match(/(\d+)号/)?.[1] ?? '1'}号`,
            replyDate: cast.asOf,
          })
    ).case;
  }
  return (
    await completeConsultation(ctx, investigator, { ...v(row), note: '各部门会商意见均已反馈。' })
  ).case;
}

/** Every member votes for the recommendation; the chair decides it. */
async function decide(cast: JointCast, r: CaseRow, outcome: string): Promise<void> {
  let row = r;
  for (const who of ['chair', 'member1', 'member2', 'member3']) {
    row = (
      await castVote(cast.ctx, cast.actor(who), { ...v(row), outcome, reason: '同意评估建议。' })
    ).case;
  }
  await decideCase(cast.ctx, cast.actor('chair'), { ...v(row), outcome, minutes: MINUTES });
}

/**
 * Driving a test case through the procedure: `driveTo(w, 'deliberation')` submits an application
 * for the world's official and takes it, by the ordinary transitions and the ordinary actors, to
 * the state asked for, returning the case row. Each call makes a new case.
 */
import { eq } from 'drizzle-orm';
import { SIX_ELEMENTS } from '../../domain/case-states.js';
import { answersFor } from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import type { FactValue } from '../../policy/model.js';
import { acceptCase } from '../cases/accept.js';
import { addMember } from '../cases/add-member.js';
import { assessElement } from '../cases/assess.js';
import { completeConsultation } from '../cases/complete-consultation.js';
import { completeVerification } from '../cases/complete-verification.js';
import { decideCase } from '../cases/decide.js';
import { notifyDecision } from '../cases/notify.js';
import { answerConsultation } from '../cases/answer-consultation.js';
import { recordOpinion } from '../cases/record-opinion.js';
import type { CaseRow } from '../cases/record.js';
import { submitApplication } from '../cases/submit-application.js';
import { castVote } from '../cases/vote.js';
import { castReviewVote } from '../cases/vote-review.js';
import { today as todayOf } from '../context.js';
import { AppError } from '../errors.js';
import { loadActor } from '../org.js';
import { cases, consultations, roleGrants } from '../tables.js';
import type { World } from './world.js';

/**
 * Facts under which x-new-area (2023 revision, conduct 2024-11-05) recommends 'exempted': all
 * gateway conditions, an innovation on the reform task list, nothing on the negative list.
 */
export const EXEMPTED_FACTS: Readonly<Record<string, FactValue>> = Object.freeze({
  purpose: 'development_task',
  onReformTaskList: true,
  privateGain: false,
  knowinglyViolated: false,
  actedAfterExplicitBan: false,
  crimeSuspected: false,
  executedIllegalHigherDecision: false,
  obstructed: false,
  ignoredRepeatedOrders: false,
  graveConsequence: 'none',
  fraudulentRecords: false,
  repeatOfSameError: false,
  decisionProcess: 'collective',
  objectionRecorded: false,
  forceMajeure: false,
  dutiesPerformed: true,
  prohibitedAtTheTime: false,
  remediation: 'effective',
  cooperated: true,
  lossAmount: 1_200_000,
});

export const DRIVE_STATES = [
  'submitted',
  'verification',
  'consultation',
  'deliberation',
  'determined',
  'notified',
] as const;
export type DriveState = (typeof DRIVE_STATES)[number];

export interface DriveOptions {
  /** The applicant (default: the official themself). */
  readonly applicant?: Actor;
  readonly officialId?: string;
  readonly title?: string;
  readonly summary?: string;
  readonly conductDate?: string;
  /** Facts given with the application (default EXEMPTED_FACTS). */
  readonly facts?: Readonly<Record<string, FactValue | null>>;
  /** The officers (defaults: the world's intake, investigator, liaison and chair). */
  readonly intake?: Actor;
  readonly investigator?: Actor;
  readonly liaison?: Actor;
  readonly chair?: Actor;
  /** Consulted departments' officers, who answer their departments' requests themselves. */
  readonly consultees?: readonly Actor[];
  /** Further panel members besides the chair (default member1 and member2). */
  readonly members?: readonly Actor[];
  /** The outcome everyone votes for and the chair decides (default 'exempted'). */
  readonly outcome?: string;
  readonly departureReasons?: string;
}

/** What driving a case needs: the context and the officers by name (a test world, or the demo's). */
export type Crew = Pick<World, 'ctx' | 'actors'>;

export const MINUTES = '认定机构于本日召开会议，三名成员参加，经充分讨论后表决。';

/** The current row of a case. */
export async function caseRow(w: World, caseId: string): Promise<CaseRow> {
  const [row] = await w.ctx.store.db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) throw new Error(`no case ${caseId}`);
  return row;
}

/** The code of the AppError a call throws, or 'ok' when it succeeds. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'ok';
}

/** Rates all six elements favourably (as the investigator). */
export async function assessAll(w: Crew, c: CaseRow, investigator?: Actor): Promise<CaseRow> {
  let row = c;
  for (const element of SIX_ELEMENTS) {
    row = (
      await assessElement(w.ctx, investigator ?? w.actors.investigator!, {
        caseId: row.id,
        expectedVersion: row.version,
        element,
        rating: 'favourable',
        notes: '经核实，情况属实。',
      })
    ).case;
  }
  return row;
}

/**
 * Answers every pending consultation: a department that `consultees` answer for signs its own
 * opinion; any other has its written reply transcribed by the investigator.
 */
export async function answerConsultations(
  w: Crew,
  c: CaseRow,
  consultees: readonly Actor[] = [],
  investigator: Actor = w.actors.investigator!,
): Promise<CaseRow> {
  let row = c;
  const pending = await w.ctx.store.db
    .select()
    .from(consultations)
    .where(eq(consultations.caseId, row.id));
  for (const [i, p] of pending.filter((x) => x.opinion === null).entries()) {
    const opinion = `${p.department}：同意按容错情形处理。`;
    const req = { caseId: row.id, expectedVersion: row.version, consultationId: p.id, opinion };
    const own = consultees.find((a) => answersFor(a, p.department, row));
    row = (
      own
        ? await answerConsultation(w.ctx, own, req)
        : await recordOpinion(w.ctx, investigator, {
            ...req,
            replyReference: `会复〔2026〕${i + 1}号`,
            replyDate: todayOf(w.ctx),
          })
    ).case;
  }
  return row;
}

/**
 * The consulted-department officers of the store (users holding a `consultee` grant: the demo's
 * dept-* users), so that a case driven through consultation has each department with users sign
 * its own opinion, as the rules require.
 */
async function consulteesOf(w: Crew): Promise<Actor[]> {
  const rows = await w.ctx.store.db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(eq(roleGrants.role, 'consultee'));
  return Promise.all(rows.map((r) => loadActor(w.ctx, r.userId)));
}

/** Takes an existing case from its state forward to `target`. */
export async function advance(
  w: Crew,
  c: CaseRow,
  target: DriveState,
  opts: DriveOptions = {},
): Promise<CaseRow> {
  const a = w.actors;
  const intake = opts.intake ?? a.intake!;
  const investigator = opts.investigator ?? a.investigator!;
  const chair = opts.chair ?? a.chair!;
  const members = opts.members ?? [a.member1!, a.member2!];
  const outcome = opts.outcome ?? 'exempted';
  let row = c;
  const at = (s: string) => DRIVE_STATES.indexOf(s as DriveState);
  const v = () => ({ caseId: row.id, expectedVersion: row.version });
  while (at(row.state) < at(target)) {
    switch (row.state) {
      case 'submitted':
        row = (await acceptCase(w.ctx, intake, v())).case;
        break;
      case 'verification':
        row = await assessAll(w, row, investigator);
        row = (await completeVerification(w.ctx, investigator, v())).case;
        if (row.state === 'deliberation' && target === 'consultation') {
          throw new Error('advance: this pack does not require consultation');
        }
        break;
      case 'consultation':
        row = await answerConsultations(
          w,
          row,
          opts.consultees ?? (await consulteesOf(w)),
          opts.investigator,
        );
        row = (await completeConsultation(w.ctx, investigator, v())).case;
        break;
      case 'deliberation':
        for (const m of members) {
          row = (await addMember(w.ctx, chair, { ...v(), userId: m.userId })).case;
        }
        for (const m of [chair, ...members]) {
          row = (await castVote(w.ctx, m, { ...v(), outcome, reason: '同意。' })).case;
        }
        row = (
          await decideCase(w.ctx, chair, {
            ...v(),
            outcome,
            minutes: MINUTES,
            ...(opts.departureReasons ? { departureReasons: opts.departureReasons } : {}),
          })
        ).case;
        break;
      case 'determined':
        row = (await notifyDecision(w.ctx, intake, v())).case;
        break;
      default:
        throw new Error(`advance: cannot drive a case on from '${row.state}'`);
    }
  }
  if (row.state !== target) throw new Error(`advance: reached '${row.state}', not '${target}'`);
  return row;
}

/** A new application, driven to `target`. */
export async function driveTo(
  w: World,
  target: DriveState,
  opts: DriveOptions = {},
): Promise<CaseRow> {
  const { case: c } = await submitApplication(w.ctx, opts.applicant ?? w.actors.official!, {
    officialId: opts.officialId ?? w.ids.official,
    title: opts.title ?? '招商项目提前开工',
    summary: opts.summary ?? '为抢抓项目落地，在用地手续完备前组织开工，事后补办手续。',
    conductDate: opts.conductDate ?? '2024-11-05',
    facts: opts.facts ?? EXEMPTED_FACTS,
  });
  return advance(w, c, target, opts);
}

/**
 * The panel (chair, member1, member2) votes to uphold a review of an exempted determination: the
 * sample measure's reviews are decided collectively, so the chair decides after this.
 */
export async function voteToUphold(w: World, c: CaseRow): Promise<CaseRow> {
  let row = c;
  for (const m of [w.actors.chair!, w.actors.member1!, w.actors.member2!]) {
    const reason = '原认定事实清楚，同意维持。';
    const req = { caseId: row.id, expectedVersion: row.version, outcome: 'exempted', reason };
    row = (await castReviewVote(w.ctx, m, req)).case;
  }
  return row;
}

/**
 * The correction (纠错) and the talks of a case as the case view shows them: the opinion, its
 * state and round, the review's dates; each action with its owner, deadline, submission, files
 * and verification, and what the viewer may do on it; the talks held. Only the fields listed here
 * leave the server. Read in the case view's transaction (case-view.ts) once the case has a
 * determination; a consulted department's officer sees none of it.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { ownsAction, type CorrectionSubject } from '../../domain/correction-conditions.js';
import type { Actor } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import {
  ACTION_STATE_LABEL,
  CORRECTION_STATE_LABEL,
  TALK_KIND_LABEL,
  VERDICT_LABEL,
  type ActionState,
  type CorrectionState,
  type TalkKind,
  type Verdict,
} from '../../shared/corrections.js';
import type { AnyDb } from '../db.js';
import { correctionActions, correctionFiles, corrections, talks } from '../tables.js';

export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

export interface CorrectionActionView {
  readonly id: string;
  readonly seq: number;
  readonly round: number;
  readonly task: string;
  readonly evidenceRequired: string;
  readonly owner: 'official' | 'unit';
  readonly dueDays: number;
  readonly dueOn: string;
  readonly dueProvisional: boolean;
  readonly state: ActionState;
  readonly stateLabel: I18nText;
  readonly submittedOn: string | null;
  readonly submittedBy: PersonRef | null;
  readonly submission: string | null;
  readonly files: readonly {
    readonly id: string;
    readonly filename: string;
    readonly mediaType: string;
  }[];
  readonly verifiedOn: string | null;
  readonly verifiedBy: PersonRef | null;
  readonly verdict: Verdict | null;
  readonly verdictLabel: I18nText | null;
  readonly verdictReasons: string | null;
  readonly returnedCount: number;
  /** The viewer answers for this action and it is open. */
  readonly maySubmit: boolean;
  /** It waits for verification and the viewer may verify it (not its submitter). */
  readonly mayVerify: boolean;
}

export interface CorrectionView {
  readonly id: string;
  readonly documentNumber: string;
  readonly problem: string;
  readonly requirement: string;
  readonly state: CorrectionState;
  readonly stateLabel: I18nText;
  readonly round: number;
  readonly issuedOn: string;
  readonly issuedBy: PersonRef | null;
  readonly closedOn: string | null;
  readonly reviewDueOn: string | null;
  readonly reviewedOn: string | null;
  readonly reviewedBy: PersonRef | null;
  readonly reviewFinding: string | null;
  readonly actions: readonly CorrectionActionView[];
}

export interface TalkView {
  readonly id: string;
  readonly kind: TalkKind;
  readonly kindLabel: I18nText;
  readonly heldOn: string;
  readonly participants: string;
  readonly summary: string;
  readonly followUp: string;
  readonly recordedBy: PersonRef | null;
}

export type CorrectionRows = Awaited<ReturnType<typeof readCorrection>>;

/** The rows of a case's correction, its actions and files, and its talks. */
export async function readCorrection(db: AnyDb, caseId: string) {
  const [[correction], actions, talkRows] = await Promise.all([
    db.select().from(corrections).where(eq(corrections.caseId, caseId)),
    db
      .select()
      .from(correctionActions)
      .where(eq(correctionActions.caseId, caseId))
      .orderBy(asc(correctionActions.seq)),
    db
      .select()
      .from(talks)
      .where(eq(talks.caseId, caseId))
      .orderBy(asc(talks.heldOn), asc(talks.createdAt)),
  ]);
  const files =
    actions.length === 0
      ? []
      : await db
          .select({
            id: correctionFiles.id,
            actionId: correctionFiles.actionId,
            filename: correctionFiles.filename,
            mediaType: correctionFiles.mediaType,
          })
          .from(correctionFiles)
          .where(
            inArray(
              correctionFiles.actionId,
              actions.map((a) => a.id),
            ),
          )
          .orderBy(asc(correctionFiles.uploadedAt));
  return { correction: correction ?? null, actions, files, talks: talkRows };
}

/** Everyone the correction names, for their display names. */
export function peopleInCorrection(r: CorrectionRows): (string | null)[] {
  return [
    r.correction?.issuedBy ?? null,
    r.correction?.reviewedBy ?? null,
    ...r.actions.flatMap((a) => [a.submittedBy, a.verifiedBy]),
    ...r.talks.map((t) => t.recordedBy),
  ];
}

/** The correction as the viewer sees it, with what they may do on each action. */
export function presentCorrection(
  r: CorrectionRows,
  actor: Actor,
  subject: CorrectionSubject | null | undefined,
  may: { submit: boolean; verify: boolean },
  person: (u: string | null) => PersonRef | null,
): CorrectionView | null {
  const k = r.correction;
  if (!k) return null;
  return {
    id: k.id,
    documentNumber: k.documentNumber,
    problem: k.problem,
    requirement: k.requirement,
    state: k.state as CorrectionState,
    stateLabel: CORRECTION_STATE_LABEL[k.state as CorrectionState],
    round: k.round,
    issuedOn: k.issuedOn,
    issuedBy: person(k.issuedBy),
    closedOn: k.closedOn,
    reviewDueOn: k.reviewDueOn,
    reviewedOn: k.reviewedOn,
    reviewedBy: person(k.reviewedBy),
    reviewFinding: k.reviewFinding,
    actions: r.actions.map((a) => {
      const state = a.state as ActionState;
      const owned = subject?.actions.find((x) => x.id === a.id);
      const waiting = state === 'submitted' || state === 'watch';
      return {
        id: a.id,
        seq: a.seq,
        round: a.round,
        task: a.task,
        evidenceRequired: a.evidenceRequired,
        owner: a.ownerOfficialId !== null ? 'official' : 'unit',
        dueDays: a.dueDays,
        dueOn: a.dueOn,
        dueProvisional: a.dueProvisional,
        state,
        stateLabel: ACTION_STATE_LABEL[state],
        submittedOn: a.submittedOn,
        submittedBy: person(a.submittedBy),
        submission: a.submission,
        files: r.files
          .filter((f) => f.actionId === a.id)
          .map((f) => ({ id: f.id, filename: f.filename, mediaType: f.mediaType })),
        verifiedOn: a.verifiedOn,
        verifiedBy: person(a.verifiedBy),
        verdict: a.verdict as Verdict | null,
        verdictLabel: a.verdict ? VERDICT_LABEL[a.verdict as Verdict] : null,
        verdictReasons: a.verdictReasons,
        returnedCount: a.returnedCount,
        maySubmit:
          may.submit && state === 'open' && owned !== undefined && ownsAction(actor, owned),
        mayVerify: may.verify && waiting && a.submittedBy !== actor.userId,
      };
    }),
  };
}

export function presentTalks(
  r: CorrectionRows,
  person: (u: string | null) => PersonRef | null,
): TalkView[] {
  return r.talks.map((t) => ({
    id: t.id,
    kind: t.kind as TalkKind,
    kindLabel: TALK_KIND_LABEL[t.kind as TalkKind],
    heldOn: t.heldOn,
    participants: t.participants,
    summary: t.summary,
    followUp: t.followUp,
    recordedBy: person(t.recordedBy),
  }));
}

/**
 * The joint matter a case is part of (共同失误，多人一案; migration 0029), as the case page and the
 * deliberation page show it: every official's case the reader may read, side by side — their role
 * (the fact `responsibility`), the state of their case and, for case officers (fullView), the
 * recommendation on their effective facts, the panel's votes and the determination in force. Each
 * case is read as a read of that case (refused reads leave the case out, as if it were not there)
 * and logged (`case.joint`); one repeatable-read transaction, so that all show the same moment.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { STATE_LABEL, type CaseState } from '../../domain/case-states.js';
import { refusal } from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import type { Evaluation } from '../../policy/engine.js';
import { UNDETERMINED, type I18nText } from '../../policy/model.js';
import { RESPONSIBILITY_FACT } from '../../shared/joint.js';
import { outcomeLabels, recommendationOn } from '../cases/decide.js';
import { currentFacts } from '../cases/record-fact.js';
import { determinationInForce, loadCase, type LoadedCase } from '../cases/record.js';
import { authorizeCase } from '../cases/transition.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import type { AppTx } from '../db.js';
import { cases, jointMatters, officials, readLog } from '../tables.js';
import { fullView } from './case-view.js';

export interface JointOutcomeView {
  readonly id: string;
  readonly label: I18nText;
}

export interface JointDeliberationView {
  /** The rules' recommendation on the case's effective facts (the stored one once decided). */
  readonly recommendation: JointOutcomeView;
  /** Votes by outcome of the members who sit, and how many sit. */
  readonly votes: Readonly<Record<string, number>>;
  readonly sitting: number;
  readonly determination: {
    readonly outcome: JointOutcomeView;
    readonly documentNumber: string;
    readonly decidedOn: string;
  } | null;
}

export interface JointOfficialView {
  readonly caseId: string;
  readonly number: string;
  readonly officialName: string;
  readonly position: I18nText;
  readonly state: string;
  readonly stateLabel: I18nText;
  readonly responsibility: string | null;
  /** The case the page is about. */
  readonly current: boolean;
  /** Null unless the reader is a case officer of this case. */
  readonly deliberation: JointDeliberationView | null;
}

export interface JointMatterView {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly conductDate: string;
  /** The version a joint change (a common fact, the panel) is made on. */
  readonly version: number;
  readonly officials: readonly JointOfficialView[];
}

const UNDETERMINED_LABEL: I18nText = {
  zh: '尚不能确定',
  en: 'Not yet determined',
};

/** The joint matter of the case, or null when the case is one official's matter alone. */
export async function getJointMatter(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<JointMatterView | null> {
  return ctx.store.tx(
    async (tx) => {
      const loaded = await loadCase(ctx, tx, caseId);
      authorizeCase(actor, 'read', loaded.subject);
      const jointMatterId = loaded.row.jointMatterId;
      if (jointMatterId === null) return null;
      const [matter] = await tx
        .select()
        .from(jointMatters)
        .where(eq(jointMatters.id, jointMatterId));
      const members = await tx
        .select({ id: cases.id, official: officials })
        .from(cases)
        .innerJoin(officials, eq(officials.id, cases.officialId))
        .where(eq(cases.jointMatterId, jointMatterId))
        // In the order opened: one transaction numbers them in turn (…9号 before …10号).
        .orderBy(asc(cases.createdAt), asc(sql`length(${cases.number})`), asc(cases.number));
      const views: JointOfficialView[] = [];
      for (const m of members) {
        const other = m.id === caseId ? loaded : await loadCase(ctx, tx, m.id);
        if (refusal(actor, 'read', other.subject) !== null) continue;
        await tx.insert(readLog).values({
          userId: actor.userId,
          caseId: other.row.id,
          jurisdictionId: other.row.jurisdictionId,
          what: 'case.joint',
          at: ctx.now(),
        });
        const facts = await currentFacts(tx, other.row.id);
        const role = facts[RESPONSIBILITY_FACT];
        views.push({
          caseId: other.row.id,
          number: other.row.number,
          officialName: m.official.name,
          position: { zh: m.official.positionZh, en: m.official.positionEn },
          state: other.row.state,
          stateLabel: STATE_LABEL[other.row.state as CaseState],
          responsibility: typeof role === 'string' ? role : null,
          current: m.id === caseId,
          deliberation: fullView(actor, other.subject)
            ? await deliberationOf(ctx, tx, other, facts)
            : null,
        });
      }
      return {
        id: matter!.id,
        title: matter!.title,
        summary: matter!.summary,
        conductDate: matter!.conductDate,
        version: matter!.version,
        officials: views,
      };
    },
    { isolation: 'repeatable read' },
  );
}

async function deliberationOf(
  ctx: AppContext,
  tx: AppTx,
  loaded: LoadedCase,
  facts: Awaited<ReturnType<typeof currentFacts>>,
): Promise<JointDeliberationView> {
  const row = loaded.row;
  const label = outcomeLabels(ctx, row);
  const outcome = (id: string): JointOutcomeView => ({
    id,
    label: id === UNDETERMINED ? UNDETERMINED_LABEL : label(id),
  });
  const stored = await determinationInForce(tx, row.id);
  const evaluation = stored
    ? (stored.recommendation as Evaluation)
    : recommendationOn(ctx, row, facts, todayOf(ctx));
  const sitting = loaded.members.filter((m) => !m.recused && m.conflict === null);
  const votes: Record<string, number> = {};
  for (const m of sitting) if (m.vote !== null) votes[m.vote] = (votes[m.vote] ?? 0) + 1;
  return {
    recommendation: outcome(evaluation.outcome),
    votes,
    sitting: sitting.length,
    determination: stored
      ? {
          outcome: outcome(stored.outcome),
          documentNumber: stored.documentNumber,
          decidedOn: stored.decidedOn,
        }
      : null,
  };
}

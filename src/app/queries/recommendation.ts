/**
 * The deliberation's read side for the committee's page.
 *
 * `getRecommendation`: the policy engine's recommendation on a case with its reasons (rules and
 * clause citations), why-nots and the facts it still misses. Before a decision it is computed on
 * the case's current facts exactly as the decision will compute it (the conduct date's version,
 * the more lenient version in force today where it helps: 从旧兼从轻); once decided it is the
 * recommendation stored with the determination in force, so the record shows what the committee
 * had before it. With it come the outcome ladder of the case's pack version and what the decision
 * will require (which outcome needs no departure reasons, and how long the reasons must be), so
 * the page asks the server instead of re-deriving the rule.
 *
 * `getPanelCandidates`: the users the chair may add to the panel (committee members and chairs of
 * the case's jurisdiction or above it, not parties, not yet on the panel, and not one who would
 * decide an appeal of the case: add-member.ts refuses the same).
 *
 * `previewDecisionDocument`: the decision document (认定书) as it would read if the committee
 * decided an outcome now, rendered by the same renderer as the real one, before deciding.
 *
 * All are for full-view officers only (the parties see no deliberation), and all log the read.
 *
 * `applicantAssessmentSetting`, for whoever may apply for an official: whether the application
 * form shows the engine's preliminary assessment, a setting of the official's jurisdiction
 * (jurisdictions.applicant_assessment, set by an administrator; off by default).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { fullView } from './case-view.js';
import { wouldDecideAppeal } from '../../domain/policies.js';
import type { Actor } from '../../domain/roles.js';
import type { Evaluation } from '../../policy/engine.js';
import type { Failure, FactUse } from '../../policy/explain.js';
import { renderValue } from '../../policy/facts.js';
import type { FactDecl, FactValue, I18nText, Lang } from '../../policy/model.js';
import { UNDETERMINED } from '../../policy/model.js';
import { MIN_DEPARTURE_REASONS, recommendationOn } from '../cases/decide.js';
import { bandOf } from '../cases/band.js';
import { currentFacts, factDeclsOf } from '../cases/record-fact.js';
import { determinationInForce, loadCase, type LoadedCase } from '../cases/record.js';
import { authorizeCase } from '../cases/transition.js';
import { resultsOf, requireOutcome } from '../cases/vote.js';
import type { AppContext } from '../context.js';
import { today as todayOf } from '../context.js';
import {
  documentInputOf,
  renderDecisionDocument,
  type DecisionDocument,
} from '../documents/decision-document.js';
import { AppError } from '../errors.js';
import {
  jurisdictions,
  officials,
  readLog,
  roleGrants,
  units,
  users,
  type Schema,
} from '../tables.js';
import { officialScope } from './officials.js';
import type { Tx } from '../../store/index.js';

export interface ClauseView {
  readonly id: string;
  readonly citation: I18nText;
  readonly text: I18nText;
}

export interface FailureView {
  readonly status: 'failed' | 'unknown';
  readonly text: I18nText;
  readonly rule: string | null;
  readonly clauses: readonly ClauseView[];
  readonly fact: string | null;
  /** The fact's label and its value in words, when the condition is about one fact. */
  readonly factLabel: I18nText | null;
  readonly actual: I18nText | null;
  readonly because: readonly FailureView[];
}

/** A fact a rule read, with its label and its value in words. */
export interface FactInWords {
  readonly fact: string;
  readonly label: I18nText;
  readonly value: I18nText;
}

/** A tolerable situation that holds (成立的容错情形); clauses by id, their text in citedClauses. */
export interface SituationView {
  readonly rule: string;
  readonly kind: string;
  readonly title: I18nText;
  readonly clauses: readonly string[];
  readonly facts: readonly FactInWords[];
  /** Among the reasons of the recommendation. */
  readonly decisive: boolean;
}

/** One exclusion of the negative list as checked (负面清单核查). */
export interface ExclusionView {
  readonly rule: string;
  readonly title: I18nText;
  readonly status: 'absent' | 'present' | 'unknown';
  readonly clauses: readonly string[];
  readonly facts: readonly FactInWords[];
}

export interface RecommendationView {
  /** 'current': computed now on the current facts; 'determination': stored with the decision. */
  readonly source: 'current' | 'determination';
  readonly determinationId: string | null;
  /** The day the recommendation speaks for: today, or the decision's date. */
  readonly asOf: string;
  readonly outcome: string;
  readonly label: I18nText;
  readonly undetermined: boolean;
  /**
   * The recommended band: the outcomes the deciding entry allows, most favourable first (one where
   * the rules name one; empty when undetermined). The committee decides within it without reasons.
   */
  readonly recommended: readonly { readonly id: string; readonly label: I18nText }[];
  /**
   * The result worded as a recommendation to the collective body (建议……由集体研究认定); null in
   * a recommendation stored before it was given.
   */
  readonly recommendationText: I18nText | null;
  /** On the ladder, or off it (not applicable, referred); null when undetermined or stored before. */
  readonly resultKind: 'ladder' | 'notApplicable' | 'referred' | null;
  readonly possibleOutcomes: readonly { readonly id: string; readonly label: I18nText }[];
  readonly decidedBy: { readonly entry: string; readonly note: I18nText | null } | null;
  readonly reasons: readonly {
    readonly rule: string;
    readonly kind: string;
    readonly title: I18nText;
    readonly clauses: readonly ClauseView[];
    readonly facts: readonly FactInWords[];
  }[];
  /** Every situation that holds; null in a recommendation stored before it was given. */
  readonly situations: readonly SituationView[] | null;
  /** Every exclusion checked; null in a recommendation stored before it was given. */
  readonly negativeList: readonly ExclusionView[] | null;
  /** Each clause cited, once; null in a recommendation stored before it was given. */
  readonly citedClauses: readonly ClauseView[] | null;
  readonly whyNot: readonly {
    readonly outcome: string;
    readonly label: I18nText;
    readonly entry: string;
    readonly precludedBy: string | null;
    readonly failed: readonly FailureView[];
  }[];
  readonly missingFacts: readonly {
    readonly fact: string;
    readonly label: I18nText;
    readonly help: I18nText | null;
  }[];
  /** The facts computed from others (derived), each with its value in words and its formula. */
  readonly derived: readonly {
    readonly fact: string;
    readonly label: I18nText;
    readonly value: I18nText;
    readonly formula: I18nText;
    readonly note: I18nText | null;
  }[];
  readonly pack: string;
  readonly packTitle: I18nText;
  readonly version: string;
  readonly time: { readonly note: I18nText; readonly moreLenientLaterVersion: boolean };
}

export interface RecommendationAnswer {
  readonly recommendation: RecommendationView;
  /** The outcome ladder of the case's pack version, most favourable to the official first. */
  readonly ladder: readonly {
    readonly id: string;
    readonly label: I18nText;
    readonly description: I18nText | null;
  }[];
  /** What deciding requires besides the votes (the server checks it again). */
  readonly decision: {
    /** The outcomes that need no departure reasons (the band); empty when every outcome needs them. */
    readonly withoutReasons: readonly string[];
    readonly minDepartureReasons: number;
  };
}

export interface PanelCandidate {
  readonly id: string;
  readonly name: string;
  /** Holds the chair's role over the case, so may chair the panel. */
  readonly canChair: boolean;
}

/** Committee roles that may sit on a panel (add-member.ts checks the same). */
const PANEL_ROLES = ['committee_member', 'committee_chair'] as const;

/** More candidates than any committee holds: the list is bounded, not paged. */
export const MAX_CANDIDATES = 200;

/** Loads the case and checks the actor may read its deliberation; the caller logs the read. */
async function loadForOfficer(
  ctx: AppContext,
  tx: Tx<Schema>,
  actor: Actor,
  caseId: string,
): Promise<LoadedCase> {
  const loaded = await loadCase(ctx, tx, caseId);
  authorizeCase(actor, 'read', loaded.subject);
  if (!fullView(actor, loaded.subject)) {
    throw new AppError(
      'FORBIDDEN',
      { caseId },
      {
        zh: '集体研究的内容（评估建议、表决、回避）仅供办案人员查看；当事人可在认定送达后查看认定书。',
        en: 'The deliberation (recommendation, votes, recusals) is for case officers only; the parties read the decision document once it is delivered.',
      },
    );
  }
  return loaded;
}

/** The recommendation on `facts` today: decide.ts's own, so the page shows what the decision stores. */
function recommendNow(
  ctx: AppContext,
  loaded: LoadedCase,
  facts: Record<string, FactValue | null>,
): Evaluation {
  return recommendationOn(ctx, loaded.row, facts, todayOf(ctx));
}

async function logRead(
  ctx: AppContext,
  tx: Tx<Schema>,
  actor: Actor,
  loaded: LoadedCase,
  what: string,
): Promise<void> {
  await tx.insert(readLog).values({
    userId: actor.userId,
    caseId: loaded.row.id,
    jurisdictionId: loaded.row.jurisdictionId,
    what,
    at: ctx.now(),
  });
}

export async function getRecommendation(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<RecommendationAnswer> {
  return ctx.store.tx(async (tx) => {
    const loaded = await loadForOfficer(ctx, tx, actor, caseId);
    const row = loaded.row;
    const today = todayOf(ctx);
    const decls = factDeclsOf(ctx, row);
    const ladder = resultsOf(ctx, row);

    const stored = await determinationInForce(tx, row.id);
    const evaluation = stored
      ? (stored.recommendation as Evaluation)
      : recommendNow(ctx, loaded, await currentFacts(tx, row.id));
    await logRead(ctx, tx, actor, loaded, 'case.recommendation');

    return {
      recommendation: presentEvaluation(evaluation, decls, ladder, {
        source: stored ? 'determination' : 'current',
        determinationId: stored?.id ?? null,
        asOf: stored?.decidedOn ?? today,
      }),
      ladder: ladder.map((o) => ({
        id: o.id,
        label: o.label,
        description: o.description ?? null,
      })),
      decision: {
        withoutReasons: bandOf(evaluation),
        minDepartureReasons: MIN_DEPARTURE_REASONS,
      },
    };
  });
}

export async function getPanelCandidates(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<{ readonly items: readonly PanelCandidate[] }> {
  return ctx.store.tx(async (tx) => {
    const loaded = await loadForOfficer(ctx, tx, actor, caseId);
    // Only the one who may constitute the panel needs the list of who could sit on it.
    authorizeCase(actor, 'addMember', loaded.subject);
    const row = loaded.row;
    // Grants over the case's jurisdiction or any jurisdiction above it (paths are prefixes).
    const grants = await tx
      .select({
        userId: roleGrants.userId,
        role: roleGrants.role,
        scopeKind: roleGrants.scopeKind,
        scopePath: roleGrants.scopePath,
        name: users.displayName,
        officialId: users.officialId,
      })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(
        and(
          inArray(roleGrants.role, [...PANEL_ROLES]),
          eq(roleGrants.scopeKind, 'jurisdiction'),
          sql`${roleGrants.scopePath} <> '' and starts_with(${row.jurisdictionPath}, ${roleGrants.scopePath})`,
          eq(users.disabled, false),
        ),
      )
      .orderBy(users.displayName, roleGrants.userId)
      .limit(MAX_CANDIDATES * PANEL_ROLES.length);
    const seated = new Set(loaded.members.map((m) => m.userId));
    // Whoever would hear an appeal of the case (their grants above it are among those read).
    const appealDeciders = new Set(
      grants.filter((g) => wouldDecideAppeal([g], row)).map((g) => g.userId),
    );
    const byUser = new Map<string, PanelCandidate>();
    for (const g of grants) {
      const party = g.officialId === row.officialId || g.userId === row.applicantUserId;
      if (party || seated.has(g.userId) || appealDeciders.has(g.userId)) continue;
      const earlier = byUser.get(g.userId);
      byUser.set(g.userId, {
        id: g.userId,
        name: g.name,
        canChair: (earlier?.canChair ?? false) || g.role === 'committee_chair',
      });
    }
    await logRead(ctx, tx, actor, loaded, 'case.panel_candidates');
    return { items: [...byUser.values()].slice(0, MAX_CANDIDATES) };
  });
}

interface Meta {
  readonly source: 'current' | 'determination';
  readonly determinationId: string | null;
  readonly asOf: string;
}

/** The engine's explanation with allow-listed fields, facts in words, labels on outcomes. */
export function presentEvaluation(
  e: Evaluation,
  decls: ReadonlyMap<string, FactDecl>,
  ladder: readonly { readonly id: string; readonly label: I18nText }[],
  meta: Meta,
): RecommendationView {
  const labelOfFact = (id: string): I18nText => decls.get(id)?.label ?? { zh: id, en: id };
  const inWords = (id: string, v: FactValue | null | undefined): I18nText => ({
    zh: renderValue(decls.get(id), v, 'zh'),
    en: renderValue(decls.get(id), v, 'en'),
  });
  const outcomeLabel = (id: string): I18nText =>
    ladder.find((o) => o.id === id)?.label ?? { zh: id, en: id };
  const clause = (c: ClauseView): ClauseView => ({ id: c.id, citation: c.citation, text: c.text });
  const factsInWords = (uses: readonly FactUse[]): FactInWords[] =>
    uses.map((f) => ({
      fact: f.fact,
      label: labelOfFact(f.fact),
      value: inWords(f.fact, f.value),
    }));
  // Stored recommendations from before these sections were given lack them: null, not empty.
  const stored = e as Partial<
    Pick<
      Evaluation,
      'situations' | 'negativeList' | 'citedClauses' | 'recommendation' | 'resultKind'
    >
  >;
  const failure = (f: Failure): FailureView => ({
    status: f.status,
    text: f.text,
    rule: f.rule ?? null,
    clauses: (f.clauses ?? []).map(clause),
    fact: f.fact ?? null,
    factLabel: f.fact ? labelOfFact(f.fact) : null,
    actual: f.fact && f.actual !== undefined ? inWords(f.fact, f.actual) : null,
    because: (f.because ?? []).map(failure),
  });
  return {
    source: meta.source,
    determinationId: meta.determinationId,
    asOf: meta.asOf,
    outcome: e.outcome,
    label: e.label,
    undetermined: e.outcome === UNDETERMINED,
    recommended: bandOf(e).map((id) => ({ id, label: outcomeLabel(id) })),
    recommendationText: stored.recommendation ?? null,
    resultKind: stored.resultKind ?? null,
    possibleOutcomes: e.possibleOutcomes.map((id) => ({ id, label: outcomeLabel(id) })),
    decidedBy: e.decidedBy ? { entry: e.decidedBy.entry, note: e.decidedBy.note ?? null } : null,
    reasons: e.reasons.map((r) => ({
      rule: r.rule,
      kind: r.kind,
      title: r.title,
      clauses: r.clauses.map(clause),
      facts: factsInWords(r.facts),
    })),
    situations:
      stored.situations?.map((x) => ({
        rule: x.rule,
        kind: x.kind,
        title: x.title,
        clauses: x.clauses,
        facts: factsInWords(x.facts),
        decisive: x.decisive,
      })) ?? null,
    negativeList:
      stored.negativeList?.map((x) => ({
        rule: x.rule,
        title: x.title,
        status: x.status,
        clauses: x.clauses,
        facts: factsInWords(x.facts),
      })) ?? null,
    citedClauses: stored.citedClauses?.map(clause) ?? null,
    whyNot: e.whyNot.map((w) => ({
      outcome: w.outcome,
      label: w.label,
      entry: w.entry,
      precludedBy: w.precludedBy ?? null,
      failed: w.failed.map(failure),
    })),
    missingFacts: e.missingFacts.map((id) => ({
      fact: id,
      label: labelOfFact(id),
      help: decls.get(id)?.help ?? null,
    })),
    derived: (e.derived ?? []).map((d) => ({
      fact: d.fact,
      label: d.label,
      value:
        d.value === null ? { zh: '无法计算', en: 'cannot be computed' } : inWords(d.fact, d.value),
      formula: d.formula,
      note: d.note ?? null,
    })),
    pack: e.pack,
    packTitle: e.packTitle,
    version: e.version,
    time: { note: e.time.note, moreLenientLaterVersion: e.time.moreLenientLaterVersion },
  };
}

export interface PreviewInput {
  readonly outcome: string;
  readonly departureReasons?: string;
}

/** Where the real document shows its number: the number is given when the decision is made. */
const PREVIEW_NUMBER: I18nText = { zh: '（认定后编号）', en: '(numbered on decision)' };

/**
 * The decision document as it would read if `outcome` were decided today on the current facts,
 * with the departure reasons given: only while the case is in deliberation (after the decision
 * the real document is at GET /api/cases/:id/decision-document). It is a draft: nothing is
 * stored, the number is left out, and the read is logged.
 */
export async function previewDecisionDocument(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: PreviewInput,
  lang: Lang,
): Promise<DecisionDocument> {
  return ctx.store.tx(async (tx) => {
    const loaded = await loadForOfficer(ctx, tx, actor, caseId);
    const row = loaded.row;
    if (row.state !== 'deliberation') {
      throw new AppError(
        'CASE_WRONG_STATE',
        { caseId, state: row.state },
        {
          zh: '只能在集体研究环节预览认定书；已作出认定的，请查看正式认定书。',
          en: 'The decision document can be previewed during deliberation only; once decided, read the document itself.',
        },
      );
    }
    const outcome = requireOutcome(ctx, row, input.outcome);
    const recommendation = recommendNow(ctx, loaded, await currentFacts(tx, row.id));
    await logRead(ctx, tx, actor, loaded, 'decision.preview');
    return renderDecisionDocument(
      await documentInputOf(ctx, tx, loaded, {
        documentNumber: PREVIEW_NUMBER[lang],
        outcome,
        recommendation,
        departureReasons: (input.departureReasons ?? '').trim(),
        decidedOn: todayOf(ctx),
        factsAsOf: undefined,
      }),
      lang,
    );
  });
}

/**
 * Whether the application form for `officialId` shows the preliminary assessment: the setting of
 * the official's managing jurisdiction. Only for whoever may apply for the official (themself, or
 * the party organization of their unit); anyone else finds no such official.
 */
export async function applicantAssessmentSetting(
  ctx: AppContext,
  actor: Actor,
  officialId: string,
): Promise<{ jurisdiction: { id: string; name: I18nText }; shown: boolean }> {
  const scope = officialScope(actor);
  const [row] =
    scope === undefined
      ? []
      : await ctx.store.db
          .select({
            id: jurisdictions.id,
            nameZh: jurisdictions.nameZh,
            nameEn: jurisdictions.nameEn,
            shown: jurisdictions.applicantAssessment,
          })
          .from(officials)
          .innerJoin(units, eq(units.id, officials.unitId))
          .innerJoin(jurisdictions, eq(jurisdictions.id, officials.managingJurisdictionId))
          .where(and(eq(officials.id, officialId), scope));
  if (!row) throw new AppError('NOT_FOUND', { officialId });
  return {
    jurisdiction: { id: row.id, name: { zh: row.nameZh, en: row.nameEn } },
    shown: row.shown,
  };
}

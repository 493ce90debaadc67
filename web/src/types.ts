/** The API's shapes as the web app reads them (see /api/openapi.json and src/server/presenters). */

export interface I18nText {
  readonly zh: string;
  readonly en: string;
}

export interface Grant {
  readonly role: string;
  readonly roleLabel: I18nText;
  readonly scopeKind: 'jurisdiction' | 'unit' | 'self';
  readonly scopeId: string;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly locale: 'zh' | 'en';
  readonly officialId: string | null;
  readonly roles: readonly string[];
  readonly grants: readonly Grant[];
}

export interface Session {
  readonly user: User;
  readonly csrfToken: string;
}

export type DueStatus = 'overdue' | 'due_soon' | 'on_time';

export interface CaseSummary {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly state: string;
  readonly stateLabel: I18nText;
  readonly route: string;
  readonly official: { readonly id: string; readonly name: string };
  readonly jurisdiction: { readonly id: string; readonly name: I18nText };
  readonly step: string;
  readonly stepLabel: I18nText;
  readonly stepDueOn: string | null;
  readonly dueStatus: DueStatus | null;
  readonly suspended: boolean;
  readonly version: number;
  readonly updatedAt: string;
}

export interface CasePage {
  readonly items: readonly CaseSummary[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

export interface CaseFact {
  readonly fact: string;
  readonly value: unknown;
  readonly source: string;
  readonly note: string;
  readonly recordedAt: string;
  readonly recordedBy: PersonRef | null;
  readonly evidenceIds: readonly string[];
}

export interface CaseEvent {
  readonly seq: number;
  readonly type: string;
  readonly step: string;
  readonly at: string;
  readonly actor: PersonRef | null;
  readonly reason: string;
  readonly from?: string;
  readonly to?: string;
}

export interface Determination {
  readonly id: string;
  readonly inForce: boolean;
  readonly outcome: string;
  readonly outcomeLabel: I18nText | null;
  readonly recommendedOutcome: string;
  readonly recommendedOutcomeLabel: I18nText | null;
  readonly departureReasons: string;
  readonly documentNumber: string;
  readonly decidedOn: string;
  readonly basis: string;
  readonly supersedesId: string | null;
}

export interface CaseView {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly summary: string;
  readonly state: string;
  readonly stateLabel: I18nText;
  readonly route: string;
  readonly official: {
    readonly id: string;
    readonly name: string;
    readonly position: I18nText;
    readonly unit: { readonly id: string; readonly name: I18nText };
  };
  readonly jurisdiction: { readonly id: string; readonly name: I18nText };
  readonly conductDate: string;
  readonly packId: string;
  readonly packVersion: string | null;
  readonly step: string;
  readonly stepLabel: I18nText;
  readonly stepStartedOn: string;
  readonly stepDueOn: string | null;
  readonly stepDueProvisional: boolean;
  readonly dueStatus: DueStatus | null;
  readonly suspended: boolean;
  readonly suspendedSince: string | null;
  readonly version: number;
  readonly closedAt: string | null;
  readonly view: 'full' | 'party';
  readonly facts: readonly CaseFact[];
  readonly events: readonly CaseEvent[];
  readonly determinations: readonly Determination[];
  readonly abilities: Readonly<Record<string, boolean>>;
}

/** A fact as the policy pack declares it (GET /api/policy/packs/:id → effective.facts). */
export interface FactDecl {
  readonly id: string;
  readonly type: string;
  readonly label: I18nText;
  readonly values: readonly { readonly value: string; readonly label: I18nText }[] | null;
  readonly unit: string | I18nText | null;
}

export interface PackAnswer {
  readonly effective: { readonly facts: readonly FactDecl[] };
}

// ---- The committee's deliberation (GET /api/cases/:id members; /recommendation; /panel-candidates)

/** A member of the deliberating panel. Officers get the conflict and vote fields; parties do not. */
export interface CaseMember {
  readonly user: PersonRef;
  readonly isChair: boolean;
  readonly recused: boolean;
  readonly conflict?: string | null;
  readonly voted?: boolean;
  readonly vote?: string | null;
  readonly voteReason?: string;
  readonly votedAt?: string | null;
}

/** The parts of GET /api/cases/:id the deliberation reads beyond `CaseView`. */
export interface DeliberationFields {
  readonly members: readonly CaseMember[];
  readonly determinations: readonly (Determination & { readonly minutes?: string })[];
}

export interface ClauseCitation {
  readonly id: string;
  readonly citation: I18nText;
  readonly text: I18nText;
}

/** A condition that did not hold or is unknown, with the conditions under it that explain why. */
export interface ConditionFailure {
  readonly status: 'failed' | 'unknown';
  readonly text: I18nText;
  readonly rule: string | null;
  readonly clauses: readonly ClauseCitation[];
  readonly fact: string | null;
  readonly factLabel: I18nText | null;
  readonly actual: I18nText | null;
  readonly because: readonly ConditionFailure[];
}

export interface Recommendation {
  readonly source: 'current' | 'determination';
  readonly determinationId: string | null;
  readonly asOf: string;
  readonly outcome: string;
  readonly label: I18nText;
  readonly undetermined: boolean;
  readonly possibleOutcomes: readonly { readonly id: string; readonly label: I18nText }[];
  readonly decidedBy: { readonly entry: string; readonly note: I18nText | null } | null;
  readonly reasons: readonly {
    readonly rule: string;
    readonly kind: string;
    readonly title: I18nText;
    readonly clauses: readonly ClauseCitation[];
    readonly facts: readonly {
      readonly fact: string;
      readonly label: I18nText;
      readonly value: I18nText;
    }[];
  }[];
  readonly whyNot: readonly {
    readonly outcome: string;
    readonly label: I18nText;
    readonly entry: string;
    readonly precludedBy: string | null;
    readonly failed: readonly ConditionFailure[];
  }[];
  readonly missingFacts: readonly {
    readonly fact: string;
    readonly label: I18nText;
    readonly help: I18nText | null;
  }[];
  readonly pack: string;
  readonly packTitle: I18nText;
  readonly version: string;
  readonly time: { readonly note: I18nText; readonly moreLenientLaterVersion: boolean };
}

export interface LadderOutcome {
  readonly id: string;
  readonly label: I18nText;
  readonly description: I18nText | null;
}

/** GET /api/cases/:id/recommendation */
export interface RecommendationAnswer {
  readonly recommendation: Recommendation;
  readonly ladder: readonly LadderOutcome[];
  readonly decision: {
    readonly withoutReasons: string | null;
    readonly minDepartureReasons: number;
  };
}

/** GET /api/cases/:id/panel-candidates */
export interface PanelCandidate {
  readonly id: string;
  readonly name: string;
  readonly canChair: boolean;
}

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
  /** Counted up to a cap; `totalCapped` when more match. */
  readonly total: number;
  readonly totalCapped: boolean;
  readonly pageSize: number;
  /** The cursor of the next page; null on the last. */
  readonly nextCursor: string | null;
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

/** Administration (GET /api/admin/*, src/server/routes/admin.ts). */
export interface AdminGrant {
  readonly id: string;
  readonly role: string;
  readonly roleLabel: I18nText;
  readonly scopeKind: 'jurisdiction' | 'unit' | 'self';
  readonly scopeId: string;
  readonly scopeName: I18nText | null;
}

export interface AdminUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly locale: 'zh' | 'en';
  readonly disabled: boolean;
  readonly lockedUntil: string | null;
  readonly failedLogins: number;
  readonly official: {
    readonly id: string;
    readonly name: string;
    readonly unitName: I18nText;
  } | null;
  readonly grants: readonly AdminGrant[];
  readonly createdAt: string;
  readonly abilities: {
    readonly edit: boolean;
    readonly resetPassword: boolean;
    readonly unlock: boolean;
    readonly disable: boolean;
    readonly enable: boolean;
  };
}

export interface AdminUserDetail extends AdminUser {
  readonly history: readonly {
    readonly id: number;
    readonly action: string;
    readonly actor: PersonRef;
    readonly at: string;
    readonly payload: Readonly<Record<string, unknown>>;
  }[];
}

export interface AdminUserPage {
  readonly items: readonly AdminUser[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface PasswordRule {
  readonly id: 'minLength' | 'maxLength' | 'letter' | 'digit' | 'notUsername';
  readonly value?: number;
  readonly text: I18nText;
}

export interface OrgAbilities {
  readonly rename: boolean;
  readonly addUnit: boolean;
}

export interface OrgJurisdiction {
  readonly id: string;
  readonly parentId: string | null;
  readonly level: string;
  readonly name: I18nText;
  readonly pack: { readonly id: string; readonly title: I18nText | null };
  readonly calendar: {
    readonly id: string;
    readonly years: readonly { readonly year: number; readonly status: string }[];
  };
  readonly abilities: OrgAbilities;
}

export interface OrgUnit {
  readonly id: string;
  readonly jurisdictionId: string;
  readonly parentId: string | null;
  readonly name: I18nText;
  readonly kind: string;
  readonly officials: number;
  readonly abilities: OrgAbilities;
}

export interface OrgTree {
  readonly jurisdictions: readonly OrgJurisdiction[];
  readonly units: readonly OrgUnit[];
}

export interface CalendarDay {
  readonly date: string;
  readonly weekday: number;
  readonly working: boolean;
  readonly kind: 'workday' | 'weekend' | 'holiday' | 'makeup';
  readonly holiday?: string;
  readonly provisional: boolean;
}

export interface CalendarYear {
  readonly id: string;
  readonly year: number;
  readonly status: 'published' | 'provisional';
  readonly source: string;
  readonly holidays: readonly { readonly name: string; readonly dates: readonly string[] }[];
  readonly makeupWorkdays: readonly string[];
  readonly days: readonly CalendarDay[];
}

export interface CalendarList {
  readonly calendars: readonly {
    readonly id: string;
    readonly years: readonly {
      readonly year: number;
      readonly status: 'published' | 'provisional';
    }[];
  }[];
}

/** GET /api/dashboard (src/server/routes/dashboard.ts). */
export interface DashboardData {
  readonly today: string;
  readonly totals: {
    readonly open: number;
    readonly overdue: number;
    readonly suspended: number;
    readonly decided: number;
  };
  readonly openByStep: readonly {
    readonly step: string;
    readonly label: I18nText;
    readonly count: number;
  }[];
  readonly overdue: {
    readonly count: number;
    readonly items: readonly {
      readonly id: string;
      readonly number: string;
      readonly title: string;
      readonly official: string;
      readonly jurisdiction: I18nText;
      readonly step: string;
      readonly stepLabel: I18nText;
      readonly stepDueOn: string;
      readonly workingDaysOverdue: number;
    }[];
  };
  readonly outcomesByMonth: {
    readonly months: readonly string[];
    readonly outcomes: readonly { readonly id: string; readonly label: I18nText }[];
    readonly counts: readonly (readonly number[])[];
  };
}

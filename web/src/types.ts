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

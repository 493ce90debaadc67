/**
 * The parts of GET /api/cases/:id (and of the pack) the case desk reads beyond the shared
 * `CaseView` of web/src/types.ts: the file's evidence, statements, six-element assessments,
 * consultations, members, challenges, suspensions and extensions. Officers get opinions, votes
 * and event payloads; the parties do not (those fields are then absent).
 */
import type { CaseView, FactDecl, I18nText, PersonRef } from '../../types';

export interface EvidenceFile {
  readonly id: string;
  readonly filename: string;
  readonly mediaType: string;
  readonly description: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploadedAt: string;
  readonly uploadedBy: PersonRef | null;
}

export interface Statement {
  readonly id: string;
  readonly text: string;
  readonly madeAt: string;
  readonly madeBy: PersonRef | null;
}

export interface Assessment {
  readonly element: string;
  readonly label: I18nText | null;
  readonly rating: string;
  readonly notes: string;
  readonly assessedAt: string;
  readonly assessedBy: PersonRef | null;
}

export interface Consultation {
  readonly id: string;
  readonly department: string;
  readonly requestedAt: string;
  readonly responded: boolean;
  readonly respondedAt: string | null;
  readonly opinion?: string | null;
  readonly respondedBy?: PersonRef | null;
}

export interface Challenge {
  readonly id: string;
  readonly kind: string;
  readonly determinationId: string;
  readonly grounds: string;
  readonly filedOn: string;
  readonly filedBy: PersonRef | null;
  readonly dueOn: string | null;
  readonly status: string;
  readonly resultDeterminationId: string | null;
  readonly decidedAt: string | null;
}

export interface Suspension {
  readonly id: string;
  readonly step: string;
  readonly from: string;
  readonly to: string | null;
  readonly ongoing: boolean;
  readonly reason: string;
}

export interface Extension {
  readonly id: string;
  readonly step: string;
  readonly days: number;
  readonly reason: string;
  readonly status: string;
  readonly requestedAt: string;
  readonly requestedBy: PersonRef | null;
  readonly decidedAt: string | null;
  readonly decidedBy: PersonRef | null;
}

/** The case as the desk reads it. Lists may be missing from an older server: read with `?? []`. */
export type CaseFile = CaseView & {
  readonly evidence?: readonly EvidenceFile[];
  readonly statements?: readonly Statement[];
  readonly assessments?: readonly Assessment[];
  readonly consultations?: readonly Consultation[];
  readonly challenges?: readonly Challenge[];
  readonly suspensions?: readonly Suspension[];
  readonly extensions?: readonly Extension[];
};

/** A fact of the pack with what the record form needs (help text, bounds). */
export type PackFact = FactDecl & {
  readonly help?: I18nText;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
};

/** GET /api/policy/packs/:id?version=… as the desk reads it. */
export interface PackDetail {
  readonly effective: {
    readonly facts: readonly PackFact[];
    /** The decision ladder, most favourable first. */
    readonly outcomes?: readonly { readonly id: string; readonly label: I18nText }[];
    readonly procedure?: {
      readonly consultation?: {
        readonly required: boolean;
        readonly departments: readonly string[];
      };
    };
  };
}

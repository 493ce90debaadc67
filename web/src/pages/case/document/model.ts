/** The decision document as GET /api/cases/:id/decision-document answers it (JSON). */
import type { Locale } from '../../../shared';

export interface DecisionDocumentSection {
  /** '' for the opening paragraphs. */
  readonly heading: string;
  readonly paragraphs: readonly string[];
}

export interface DecisionDocument {
  readonly lang: Locale;
  readonly issuingBody: string;
  readonly title: string;
  readonly documentNumber: string;
  readonly addressee: string;
  readonly sections: readonly DecisionDocumentSection[];
  readonly signature: string;
  readonly date: string;
  readonly notice?: string;
  readonly text: string;
}

export interface DecisionDocumentAnswer {
  readonly document: DecisionDocument;
}

/** The API path of a case's decision document in a format and language. */
export function documentPath(caseId: string, format: 'json' | 'pdf' | 'text', lang: Locale) {
  const q = format === 'json' ? `lang=${lang}` : `format=${format}&lang=${lang}`;
  return `/api/cases/${encodeURIComponent(caseId)}/decision-document?${q}`;
}

/** The decision document as GET /api/cases/:id/decision-document answers it (src/api/cases.ts). */
import type { DecisionDocument } from '../../../../../src/api/index.js';
import type { Locale } from '../../../shared';

export type {
  DecisionDocument,
  DocumentAnswer as DecisionDocumentAnswer,
} from '../../../../../src/api/index.js';
export type DecisionDocumentSection = DecisionDocument['sections'][number];

/** The API path of a case's decision document in a format and language. */
export function documentPath(caseId: string, format: 'json' | 'pdf' | 'text', lang: Locale) {
  const q = format === 'json' ? `lang=${lang}` : `format=${format}&lang=${lang}`;
  return `/api/cases/${encodeURIComponent(caseId)}/decision-document?${q}`;
}

export type {
  CaseDocumentItem,
  CaseDocumentsAnswer,
  OfficialDocument,
  OfficialDocumentAnswer,
} from '../../../../../src/api/index.js';

/** The API path of one document of a case (any type) in a format and language. */
export function caseDocumentPath(
  caseId: string,
  type: string,
  subjectId: string,
  format: 'json' | 'pdf' | 'text',
  lang: Locale,
) {
  const q = new URLSearchParams({ lang, ...(subjectId ? { subjectId } : {}) });
  if (format !== 'json') q.set('format', format);
  return `/api/cases/${encodeURIComponent(caseId)}/documents/${type}?${q.toString()}`;
}

/** The API path of a case's list of documents. */
export function caseDocumentsPath(caseId: string) {
  return `/api/cases/${encodeURIComponent(caseId)}/documents`;
}

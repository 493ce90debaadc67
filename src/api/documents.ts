/**
 * The official documents (公文) of a case: the list with each document's number and issue, a
 * document as structured text (preview before issue, or as issued), issuing one, and the query of
 * a download (text or PDF). Routes in src/server/routes/documents.ts.
 */
import { TransitionAnswer } from './case-actions.js';
import { ClosingBlock, DocumentTypeName } from './document-parts.js';
import {
  DateString,
  List,
  Locale,
  Nullable,
  Obj,
  StringEnum,
  Type,
  Uuid,
  type Static,
} from './common.js';

export { ClosingBlock, DocumentTypeName };

export const OfficialDocument = Obj({
  type: DocumentTypeName,
  lang: Locale,
  issuingBody: Type.String(),
  title: Type.String(),
  documentNumber: Type.String({ description: "'' in a preview: the number is given on issue." }),
  addressee: Type.String(),
  sections: List(Obj({ heading: Type.String(), paragraphs: List(Type.String()) })),
  signature: Type.String(),
  date: Type.String({ description: 'As the document writes it: 2026年12月4日.' }),
  closing: ClosingBlock,
  notice: Type.Optional(Type.String()),
  text: Type.String({ description: 'The whole document as plain text.' }),
});
export type OfficialDocument = Static<typeof OfficialDocument>;

/** One document of a case: issued (with its number), or due and waiting to be issued. */
export const CaseDocumentItem = Obj({
  type: DocumentTypeName,
  /** The determination or challenge the document states; '' for the case itself. */
  subjectId: Type.String(),
  status: StringEnum(['issued', 'due'] as const),
  number: Nullable(Type.String()),
  issuedOn: Nullable(DateString),
  issuedBy: Nullable(Type.String({ description: 'The name of who issued it.' })),
  /** Whether the caller may issue it now. */
  canIssue: Type.Boolean(),
});
export type CaseDocumentItem = Static<typeof CaseDocumentItem>;

export const CaseDocumentsAnswer = Obj({ documents: List(CaseDocumentItem) });
export type CaseDocumentsAnswer = Static<typeof CaseDocumentsAnswer>;

export const DocumentParams = Obj({
  id: Uuid,
  type: DocumentTypeName,
});

export const DocumentQuery = Obj({
  subjectId: Type.Optional(Type.String({ maxLength: 64 })),
  lang: Type.Optional(Locale),
  format: Type.Optional(StringEnum(['json', 'text', 'pdf'] as const, { default: 'json' })),
});
export type DocumentQuery = Static<typeof DocumentQuery>;

export const IssueDocumentBody = Obj({
  subjectId: Type.Optional(Type.String({ maxLength: 64 })),
  expectedVersion: Type.Integer({ minimum: 1 }),
});

export const OfficialDocumentAnswer = Obj({ document: OfficialDocument });
export type OfficialDocumentAnswer = Static<typeof OfficialDocumentAnswer>;

/** The fresh case, as after any transition, with the document issued. */
export const IssuedDocumentAnswer = TransitionAnswer(
  Obj({ item: CaseDocumentItem, document: OfficialDocument }),
);

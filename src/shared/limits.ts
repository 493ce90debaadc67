/**
 * The limits the API holds every request to, defined once: the lengths of the texts people type
 * (in characters), list sizes, page sizes, and what an evidence file may be. The server's request
 * schemas and checks use them; the web app checks the same limits early, before sending.
 */

/** A text's length in characters: at least `min` (0: may be empty), at most `max`. */
export interface TextLimit {
  readonly min: number;
  readonly max: number;
}

/**
 * The texts of the API's requests, by what they are. `min` is the length a required text must
 * reach (trimmed); 0 where the text may be left out.
 */
export const TEXT_LIMITS = {
  /** POST /api/cases: the matter, in a few words. */
  caseTitle: { min: 2, max: 200 },
  /** POST /api/cases: what happened, in the applicant's words. */
  caseSummary: { min: 0, max: 20_000 },
  /** POST /api/cases/ex-officio: the matter under accountability. */
  exOfficioSummary: { min: 4, max: 20_000 },
  /** POST /api/risk-filings: the initiative filed. */
  riskFilingTitle: { min: 2, max: 200 },
  /** A risk filing's risks foreseen and measures (required), the reviewer's opinion. */
  riskFilingRisks: { min: 2, max: 5000 },
  riskFilingMeasures: { min: 2, max: 5000 },
  reviewOpinion: { min: 0, max: 5000 },
  /** An accountability matter's referral: who referred it, by which document. */
  matterSourceDetail: { min: 0, max: 200 },
  /** A major decision under lifelong accountability (重大决策终身责任追究): its name, who made it. */
  majorDecisionName: { min: 2, max: 200 },
  majorDecisionBody: { min: 2, max: 200 },
  /** A matter's referral (移送): its basis, and the receiving body's receipt number. */
  referralBasis: { min: 4, max: 5000 },
  referralReceipt: { min: 2, max: 100 },
  /** The `q` of the case list and of the administration's user list. */
  search: { min: 0, max: 100 },
  /** The `q` of GET /api/officials: part of a name. */
  officialSearch: { min: 0, max: 50 },
  /** An optional note for the record (accept, record a fact, complete a step). */
  note: { min: 0, max: 5000 },
  /** Refusing an application (written reasons are required), withdrawing it. */
  refusalReasons: { min: 4, max: 2000 },
  withdrawalReason: { min: 2, max: 2000 },
  /** The official's statement. */
  statement: { min: 2, max: 20_000 },
  /** A six-element assessment's notes (an unfavourable rating needs MIN_UNFAVOURABLE_NOTES). */
  assessmentNotes: { min: 0, max: 5000 },
  /** A department asked in consultation, and its opinion. */
  department: { min: 1, max: 100 },
  opinion: { min: 2, max: 20_000 },
  /** The reference (文号) of a department's written reply an investigator transcribes. */
  replyReference: { min: 2, max: 200 },
  /** A member's declared conflict, a recusal's reason, a vote's reason. */
  conflict: { min: 2, max: 2000 },
  recusalReason: { min: 2, max: 2000 },
  voteReason: { min: 2, max: 5000 },
  /** The decision: the minutes of the meeting, the reasons for departing from the recommendation. */
  minutes: { min: 10, max: 50_000 },
  departureReasons: { min: 0, max: 20_000 },
  /** Objections raised in publicity; the upward filing's reference. */
  objections: { min: 0, max: 10_000 },
  filingReference: { min: 0, max: 200 },
  /** A review or appeal: its grounds, and the reasons of its decision. */
  challengeGrounds: { min: 4, max: 20_000 },
  challengeReasons: { min: 4, max: 20_000 },
  /** The step clock: closing, suspending, resuming, asking for and deciding on more time. */
  closeNote: { min: 0, max: 10_000 },
  suspendReason: { min: 4, max: 10_000 },
  resumeNote: { min: 0, max: 10_000 },
  extensionReason: { min: 4, max: 10_000 },
  extensionDecisionReason: { min: 2, max: 10_000 },
  /** An evidence file's description. */
  evidenceDescription: { min: 0, max: 2000 },
  /** Correction (纠错): the opinion's problem and requirement, an action, its evidence asked. */
  correctionProblem: { min: 4, max: 20_000 },
  correctionRequirement: { min: 4, max: 20_000 },
  correctionTask: { min: 4, max: 2000 },
  correctionEvidence: { min: 2, max: 2000 },
  /** The owner's account of what was done; a verifier's or reviewer's reasons. */
  correctionSubmission: { min: 4, max: 20_000 },
  correctionReasons: { min: 4, max: 10_000 },
  /** A talk: who took part, what was said, what follows. */
  talkParticipants: { min: 2, max: 500 },
  talkSummary: { min: 4, max: 20_000 },
  talkFollowUp: { min: 0, max: 5000 },
  /**
   * A name clearing (澄清正名): what was alleged and what verification found; the scope the notice
   * reaches; where it is made public and the official's written consent; why it is not made
   * public; the referral of a false accusation (the body referred to, the basis).
   */
  clearingAlleged: { min: 4, max: 5000 },
  clearingFound: { min: 4, max: 10_000 },
  clearingScope: { min: 2, max: 500 },
  clearingChannel: { min: 2, max: 500 },
  clearingConsent: { min: 2, max: 500 },
  clearingCloseReason: { min: 4, max: 5000 },
  accuserReferralBody: { min: 2, max: 200 },
  accuserReferralBasis: { min: 4, max: 10_000 },
  /** Sign-in. */
  signInUsername: { min: 1, max: 128 },
  signInPassword: { min: 1, max: 1024 },
  /** A one-time code (6 digits) or a recovery code (xxxxx-xxxxx), spaces allowed. */
  secondFactorCode: { min: 1, max: 32 },
  /** An account's username (letters, digits and _ . -) and a person's name as shown to others. */
  username: { min: 2, max: 64 },
  displayName: { min: 1, max: 100 },
  /** A jurisdiction's or unit's name, in Chinese and in English. */
  orgNameZh: { min: 1, max: 100 },
  orgNameEn: { min: 1, max: 200 },
  /** A follow-up visit (回访): who visited, and what they found. */
  visitVisitors: { min: 2, max: 500 },
  visitFindings: { min: 2, max: 5000 },
  /** A survey campaign's title (政策执行评估问卷调查), and one answer to an open question. */
  campaignTitle: { min: 2, max: 200 },
  surveyOpenAnswer: { min: 0, max: 2000 },
} as const satisfies Readonly<Record<string, TextLimit>>;
export type TextField = keyof typeof TEXT_LIMITS;

/** The characters a username may use (its length is TEXT_LIMITS.username). */
export const USERNAME_CHARACTERS = '[A-Za-z0-9_.-]';

/** The most departments one consultation may ask. */
export const MAX_CONSULTED_DEPARTMENTS = 20;

/** Password rules (GET /api/admin/password-rules says them with their texts). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/** Paged lists: the page size unless one is asked, and the largest one may ask. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The largest evidence file, in bytes. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/**
 * One upload of several evidence files (POST /api/cases/:id/evidence/files): at most this many
 * files, together at most this many bytes (each file still at most MAX_EVIDENCE_BYTES). The web
 * app checks both before sending; more files go in a second upload.
 */
export const MAX_EVIDENCE_FILES_PER_UPLOAD = 10;
export const MAX_EVIDENCE_UPLOAD_BYTES = 40 * 1024 * 1024;

/** The most survey tokens one request issues (POST /api/evaluation/campaigns/:id/tokens). */
export const MAX_TOKENS_PER_ISSUE = 1000;

/** The most panel members one request adds (POST /api/cases/:id/members/batch). */
export const MAX_MEMBERS_ADDED = 20;

/**
 * The evidence file types accepted: the document and image types officers exchange, each with its
 * short name and its file extensions (for a file whose type the browser does not know).
 */
export const EVIDENCE_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'image/png': { label: 'PNG', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg'] },
  'text/plain': { label: 'TXT', extensions: ['txt'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'DOCX',
    extensions: ['docx'],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'XLSX',
    extensions: ['xlsx'],
  },
  'application/vnd.oasis.opendocument.text': { label: 'ODT', extensions: ['odt'] },
  // OFD (GB/T 33190-2016), China's fixed-layout format for official documents: a ZIP with OFD.xml.
  'application/ofd': { label: 'OFD', extensions: ['ofd'] },
  // WPS Office (Kingsoft): an OLE compound file, or an OOXML package in newer versions.
  'application/kswps': { label: 'WPS', extensions: ['wps'] },
  'application/kset': { label: 'ET', extensions: ['et'] },
  'application/ksdps': { label: 'DPS', extensions: ['dps'] },
} as const satisfies Readonly<
  Record<string, { readonly label: string; readonly extensions: readonly string[] }>
>;
export type EvidenceMediaType = keyof typeof EVIDENCE_TYPES;

export const ACCEPTED_MEDIA_TYPES = Object.keys(EVIDENCE_TYPES) as readonly EvidenceMediaType[];

/**
 * The types the browser shows inline (GET /api/cases/:id/evidence/:eid/preview): PDF in its own
 * viewer, PNG and JPEG as images. OFD, WPS and office files have no viewer in the browser: they
 * are downloaded.
 */
export const PREVIEWABLE_MEDIA_TYPES: readonly EvidenceMediaType[] = [
  'application/pdf',
  'image/png',
  'image/jpeg',
];

/** The accepted media type for a file extension (lower case, without the dot), if any. */
export function evidenceTypeOfExtension(extension: string): EvidenceMediaType | undefined {
  return ACCEPTED_MEDIA_TYPES.find((t) =>
    (EVIDENCE_TYPES[t].extensions as readonly string[]).includes(extension),
  );
}

/** The file formats of the result-application export (结果运用): workbook, CSV, the appointment form's XML. */
export const RESULT_FORMATS = ['xlsx', 'csv', 'lrmx'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/** The most rows one Excel export of a list holds; a longer list is cut there, with a note row. */
export const EXPORT_MAX_ROWS = 10_000;

/** The work queue's post (职务) filter: part of the official's position. */
export const POST_FILTER_MAX = 50;
/** At least two characters: the post is found through its character bigrams. */
export const POST_FILTER_MIN = 2;

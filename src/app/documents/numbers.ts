/**
 * Official numbers (发文字号, domain.md §12): 机关代字 + 〔year〕 + serial + 号, e.g.
 * `X新容认〔2026〕42号`, one gap-free sequence per jurisdiction, document type and year, taken in the
 * transaction that issues the document. The case number (受理编号) follows the same form.
 *
 * A jurisdiction's issuing code (`document_code`) defaults to its short name (X新区 → X新); its
 * patterns (`document_patterns`, by type) default to `{code}容<type mark>〔{year}〕{n}号`.
 * Placeholders: `{code}`, `{year}`, `{n}` (the serial, no leading zeros).
 */
import { eq, sql } from 'drizzle-orm';
import type { AppTx } from '../db.js';
import { AppError } from '../errors.js';
import { documentCounters, jurisdictions } from '../tables.js';
import type { DocumentType } from '../../shared/documents.js';
import { formatNumber, type NumberedType } from '../../shared/numbering.js';

export { DOCUMENT_TYPES, type DocumentType } from '../../shared/documents.js';
export { formatNumber, type NumberedType } from '../../shared/numbering.js';

/** The mark of each type in its number: 容申 (case), 容受 (acceptance), 容认 (determination)… */
const TYPE_MARK: Record<NumberedType, string> = {
  case: '申',
  acceptance: '受',
  refusal: '不受',
  determination: '认',
  review_decision: '复',
  appeal_decision: '诉',
  publicity: '公',
  delivery_receipt: '送',
  correction: '纠',
  clearing: '澄',
};

export function defaultPattern(type: NumberedType): string {
  return `{code}容${TYPE_MARK[type]}〔{year}〕{n}号`;
}

/** Administrative suffixes dropped from a name to make the short name (X新区 → X新). */
const SUFFIX = /[区市县省州盟旗]$/u;

/**
 * The issuing code a jurisdiction has not configured: its name without the administrative suffix
 * when at least two characters remain (X新区 → X新), else the whole name (某市, Y区), so that
 * differently named jurisdictions keep different codes.
 */
export function defaultCode(nameZh: string): string {
  const short = nameZh.replace(SUFFIX, '');
  return [...short].length >= 2 ? short : nameZh;
}

export interface NumberingJurisdiction {
  readonly id: string;
  readonly nameZh: string;
  readonly documentCode: string | null;
  readonly documentPatterns: Readonly<Record<string, string>>;
}

export function patternOf(j: NumberingJurisdiction, type: NumberedType): string {
  const configured = j.documentPatterns[type];
  return typeof configured === 'string' && configured.includes('{n}')
    ? configured
    : defaultPattern(type);
}

/** The issuing code in use: the one set, else the default from the name. */
export function codeOf(j: Pick<NumberingJurisdiction, 'nameZh' | 'documentCode'>): string {
  return j.documentCode?.trim() || defaultCode(j.nameZh);
}

/** The number of the `serial`th document of `type` in `year` in the jurisdiction. */
export function numberFor(
  j: NumberingJurisdiction,
  type: NumberedType,
  year: number,
  serial: number,
): string {
  return formatNumber(patternOf(j, type), codeOf(j), year, serial);
}

/**
 * Takes the next serial of a document type in a jurisdiction and year, in the caller's
 * transaction: the counter row stays locked until it commits, so serials are gap-free.
 */
export async function allocateNumber(
  tx: AppTx,
  j: NumberingJurisdiction,
  type: DocumentType,
  year: number,
): Promise<{ readonly number: string; readonly serial: number }> {
  const [counter] = await tx
    .insert(documentCounters)
    .values({ jurisdictionId: j.id, docType: type, year, last: 1 })
    .onConflictDoUpdate({
      target: [documentCounters.jurisdictionId, documentCounters.docType, documentCounters.year],
      set: { last: sql`${documentCounters.last} + 1` },
    })
    .returning();
  const serial = counter!.last;
  return { number: numberFor(j, type, year, serial), serial };
}

/**
 * The body whose sequence numbers a decision on a case of `j`: the jurisdiction itself, or for an
 * appeal the level above (the appeal is decided, and its documents issued, there).
 */
export async function issuingBody(
  tx: AppTx,
  j: NumberingJurisdiction & { readonly parentId: string | null },
  appeal: boolean,
): Promise<NumberingJurisdiction> {
  if (!appeal || j.parentId === null) return j;
  const [parent] = await tx.select().from(jurisdictions).where(eq(jurisdictions.id, j.parentId));
  if (!parent) throw new AppError('NOT_FOUND', { jurisdiction: j.parentId });
  return parent;
}

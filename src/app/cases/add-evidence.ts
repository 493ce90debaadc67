/**
 * Evidence files, kept in the store and addressed by their SHA-256: the same file added twice (to
 * one case or to several) is stored once. Only document and image types that officers exchange are
 * accepted, and the content must look like the type it claims. Downloads are logged.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  ACCEPTED_MEDIA_TYPES,
  EVIDENCE_TYPES,
  MAX_EVIDENCE_BYTES,
  PREVIEWABLE_MEDIA_TYPES,
  TEXT_LIMITS,
  type EvidenceMediaType,
} from '../../shared/limits.js';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { blobContent, SEALED_COLUMNS, storeBlob } from '../blobs/store.js';
import { checkEvidenceContent } from '../evidence-check.js';
import { evidence, evidenceBlobs, readLog } from '../tables.js';
import { loadCase, withConsultations, type LoadedCase } from './record.js';
import { isUuid, optionalText } from './text-input.js';
import { authorizeCase, runTransition, type TransitionRequest } from './transition.js';
import type { AppTx } from '../db.js';

export { MAX_EVIDENCE_BYTES };

interface MediaTypeRule {
  readonly label: string;
  /** Whether the content looks like this type. */
  readonly looksRight: (b: Uint8Array) => boolean;
}

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const isZip = (b: Uint8Array) => startsWith(b, ZIP);
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const isOleOrZip = (b: Uint8Array) => startsWith(b, OLE) || isZip(b);

/** A check of the file's leading bytes for each accepted media type (src/shared/limits.ts). */
const LOOKS_RIGHT: Readonly<Record<EvidenceMediaType, (b: Uint8Array) => boolean>> = {
  'application/pdf': (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  // Plain text in any encoding; a NUL byte near the start means it is binary.
  'text/plain': (b) => !b.subarray(0, 8192).includes(0),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': isZip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': isZip,
  'application/vnd.oasis.opendocument.text': isZip,
  'application/ofd': isZip,
  'application/kswps': isOleOrZip,
  'application/kset': isOleOrZip,
  'application/ksdps': isOleOrZip,
};

/** The accepted media types, each with its short name and a check of the file's leading bytes. */
export const EVIDENCE_MEDIA_TYPES: Readonly<Record<string, MediaTypeRule>> = Object.fromEntries(
  ACCEPTED_MEDIA_TYPES.map((t) => [
    t,
    { label: EVIDENCE_TYPES[t].label, looksRight: LOOKS_RIGHT[t] },
  ]),
);

const ALIASES: Readonly<Record<string, string>> = { 'image/jpg': 'image/jpeg' };

/** The media type without parameters, lower case, if it is accepted. */
export function normalizeMediaType(mediaType: unknown): string {
  const base = typeof mediaType === 'string' ? mediaType.split(';')[0]!.trim().toLowerCase() : '';
  const type = ALIASES[base] ?? base;
  if (!Object.hasOwn(EVIDENCE_MEDIA_TYPES, type)) {
    const allowed = Object.values(EVIDENCE_MEDIA_TYPES)
      .map((r) => r.label)
      .join('、');
    throw invalid(
      'mediaType',
      `不接受“${String(mediaType)}”类型的文件；可上传的类型为 ${allowed}。`,
      `files of type '${String(mediaType)}' are not accepted; upload one of ${allowed.replaceAll('、', ', ')}.`,
    );
  }
  return type;
}

/**
 * A safe file name: the last path segment only, without control or reserved characters and
 * without leading dots, at most 200 characters (the extension kept).
 */
export function sanitizeFilename(filename: unknown): string {
  const raw = typeof filename === 'string' ? filename : '';
  const last = raw.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  let name = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').replace(/\s+/g, ' ');
  name = name.trim().replace(/^\.+/, '').trim();
  if (name === '') {
    throw invalid(
      'filename',
      '请提供文件名，例如“情况说明.pdf”。',
      "give the file a name, such as 'statement.pdf'.",
    );
  }
  const chars = [...name];
  if (chars.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = chars.slice(0, 200 - [...ext].length).join('') + ext;
  }
  return name;
}

export interface AddEvidenceInput extends TransitionRequest {
  readonly filename: string;
  readonly mediaType: string;
  readonly content: Uint8Array;
  readonly description?: string;
}

/** A file that passed every check, ready to store. */
export interface CheckedFile {
  readonly filename: string;
  readonly mediaType: string;
  readonly content: Uint8Array;
  readonly description: string;
  readonly sha256: string;
  readonly size: number;
}

/**
 * The checks of one file, before any transaction: not empty, within the size limit, an accepted
 * type whose content matches it by signature and parses as a whole file (evidence-check.ts).
 * Throws the catalogue error that names the file and says how to fix it.
 */
export async function checkedFile(
  input: Omit<AddEvidenceInput, keyof TransitionRequest>,
): Promise<CheckedFile> {
  if (!(input.content instanceof Uint8Array)) {
    throw invalid('content', '缺少文件内容。', 'the file content is missing.');
  }
  if (input.content.byteLength === 0) {
    throw invalid(
      'content',
      '文件是空的，请重新选择文件。',
      'the file is empty; choose the file again.',
    );
  }
  if (input.content.byteLength > MAX_EVIDENCE_BYTES) {
    const mib = (input.content.byteLength / 1024 / 1024).toFixed(1);
    const limit = MAX_EVIDENCE_BYTES / 1024 / 1024;
    throw invalid(
      'content',
      `文件大小为 ${mib} MiB，超过 ${limit} MiB 的上限；请压缩或拆分后再上传。`,
      `the file is ${mib} MiB, above the ${limit} MiB limit; compress or split it and upload again.`,
    );
  }
  const filename = sanitizeFilename(input.filename);
  const mediaType = normalizeMediaType(input.mediaType);
  const rule = EVIDENCE_MEDIA_TYPES[mediaType]!;
  if (!rule.looksRight(input.content)) {
    throw invalid(
      'content',
      `文件“${filename}”的内容不是 ${rule.label} 格式，请确认文件类型后重新上传。`,
      `the content of '${filename}' is not a ${rule.label} file; check the file type and upload again.`,
    );
  }
  await checkEvidenceContent(filename, mediaType, rule.label, input.content);
  const description = optionalText('description', input.description, {
    what: { zh: '证据说明', en: 'the description' },
    ...TEXT_LIMITS.evidenceDescription,
  });
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  return {
    filename,
    mediaType,
    content: input.content,
    description,
    sha256,
    size: input.content.byteLength,
  };
}

export async function addEvidence(ctx: AppContext, actor: Actor, req: AddEvidenceInput) {
  const file = await checkedFile(req);
  return runTransition(ctx, actor, 'addEvidence', req, async ({ tx, loaded, now }) => {
    const row = await insertEvidence(ctx, tx, loaded, actor, now, file);
    const { evidenceId, sha256, size, filename, mediaType, description } = row;
    // Whether the blob was new is not recorded: it would tell who else holds the same file.
    return {
      event: 'case.evidence_added',
      payload: { evidenceId, sha256, size, filename, mediaType, description },
      result: { evidenceId, sha256, size, filename, mediaType },
    };
  });
}

/** Stores a checked file (its content once, by SHA-256) and its row on the case. */
export async function insertEvidence(
  ctx: AppContext,
  tx: AppTx,
  loaded: LoadedCase,
  actor: Actor,
  now: Date,
  file: CheckedFile,
) {
  const id = randomUUID();
  await storeBlob(ctx, tx, file.sha256, file.size, file.content);
  await tx.insert(evidence).values({
    id,
    caseId: loaded.row.id,
    jurisdictionId: loaded.row.jurisdictionId,
    sha256: file.sha256,
    filename: file.filename,
    mediaType: file.mediaType,
    description: file.description,
    uploadedBy: actor.userId,
    uploadedAt: now,
  });
  const { sha256, size, filename, mediaType, description } = file;
  return { evidenceId: id, sha256, size, filename, mediaType, description };
}

export interface EvidenceFile {
  readonly evidenceId: string;
  readonly filename: string;
  readonly mediaType: string;
  readonly sha256: string;
  readonly content: Uint8Array;
}

/**
 * A file of a case, for whoever may read the case; each download and each preview is a read of
 * personnel data, logged alike (`evidence.download`, `evidence.preview`). A preview is only of a
 * type the browser shows (PREVIEWABLE_MEDIA_TYPES); another is refused before anything is read.
 */
export async function readEvidence(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  evidenceId: string,
  how: 'download' | 'preview' = 'download',
): Promise<EvidenceFile> {
  return ctx.store.tx(async (tx) => {
    // A consulted department's officer reads the files of the cases their department is asked on.
    const loaded = await withConsultations(tx, await loadCase(ctx, tx, caseId), actor);
    authorizeCase(actor, 'read', loaded.subject);
    if (!isUuid(evidenceId)) throw new AppError('NOT_FOUND', { evidenceId });
    const [found] = await tx
      .select({
        filename: evidence.filename,
        mediaType: evidence.mediaType,
        sha256: evidence.sha256,
        ...SEALED_COLUMNS,
      })
      .from(evidence)
      .innerJoin(evidenceBlobs, eq(evidenceBlobs.sha256, evidence.sha256))
      .where(and(eq(evidence.id, evidenceId), eq(evidence.caseId, loaded.row.id)));
    if (!found) throw new AppError('NOT_FOUND', { evidenceId });
    const previewable: readonly string[] = PREVIEWABLE_MEDIA_TYPES;
    if (how === 'preview' && !previewable.includes(found.mediaType)) {
      throw new AppError('EVIDENCE_NO_PREVIEW', { evidenceId, mediaType: found.mediaType });
    }
    await tx.insert(readLog).values({
      userId: actor.userId,
      caseId: loaded.row.id,
      jurisdictionId: loaded.row.jurisdictionId,
      what: `evidence.${how}`,
      at: ctx.now(),
    });
    const content = blobContent(ctx, found.sha256, found);
    return {
      evidenceId,
      filename: found.filename,
      mediaType: found.mediaType,
      sha256: found.sha256,
      content,
    };
  });
}

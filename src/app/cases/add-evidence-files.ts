/**
 * Several evidence files in one upload (POST /api/cases/:id/evidence/files): each file is checked
 * on its own (size, type by signature, a whole readable file: add-evidence.ts `checkedFile`) and
 * reported on its own — added, already in the case file (the same content, not added twice: a
 * retried upload after a lost answer adds nothing), or refused with the reason — never lost
 * silently. The files that pass are stored in one transaction with one event listing them, the
 * refused ones named in it too: the uploader made one act. When no file passes, nothing changes
 * and the request is refused naming each file and why.
 *
 * Why one request and not one per file: one act is one event and one version of the case (a
 * request per file would race each other on the version and leave one event per file), and the
 * per-file report comes back at once. The files travel as Base64 in JSON like the single upload,
 * so that the route is declared, validated and documented by its TypeBox shape like every other
 * and no multipart parser is added; the limits (count and total size, src/shared/limits.ts) keep
 * the body bounded.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { I18nText } from '../../policy/model.js';
import { MAX_EVIDENCE_FILES_PER_UPLOAD, MAX_EVIDENCE_UPLOAD_BYTES } from '../../shared/limits.js';
import type { AppContext } from '../context.js';
import { AppError, invalid, type ErrorCode } from '../errors.js';
import { evidence } from '../tables.js';
import { checkedFile, insertEvidence, type CheckedFile } from './add-evidence.js';
import { runTransition, type TransitionRequest } from './transition.js';

export interface EvidenceFileInput {
  readonly filename: string;
  readonly mediaType: string;
  /** The content, or how to get it (decoding it may fail: that file is refused, not the upload). */
  readonly content: Uint8Array | (() => Uint8Array);
  readonly description?: string;
}

export interface AddEvidenceFilesInput extends TransitionRequest {
  readonly files: readonly EvidenceFileInput[];
}

/** A file not added, with why: its position in the request, its name as sent, the error. */
export interface RefusedFile {
  readonly index: number;
  readonly filename: string;
  readonly code: ErrorCode;
  readonly message: I18nText;
}

function checkCount(files: readonly EvidenceFileInput[]) {
  if (!Array.isArray(files) || files.length === 0) {
    throw invalid('files', '请选择要上传的文件。', 'choose the files to upload.');
  }
  if (files.length > MAX_EVIDENCE_FILES_PER_UPLOAD) {
    throw invalid(
      'files',
      `一次最多上传 ${MAX_EVIDENCE_FILES_PER_UPLOAD} 个文件，请分批上传。`,
      `upload at most ${MAX_EVIDENCE_FILES_PER_UPLOAD} files at once; upload the rest in another batch.`,
    );
  }
}

function checkTotal(total: number) {
  if (total <= MAX_EVIDENCE_UPLOAD_BYTES) return;
  const mib = (total / 1024 / 1024).toFixed(1);
  const limit = MAX_EVIDENCE_UPLOAD_BYTES / 1024 / 1024;
  throw invalid(
    'files',
    `所选文件合计 ${mib} MiB，超过一次上传 ${limit} MiB 的上限；请分批上传。`,
    `the files come to ${mib} MiB, above the ${limit} MiB limit of one upload; upload them in batches.`,
  );
}

/** A field's name before a message (`content：…`): beside the file it names nothing useful. */
const FIELD = /^[A-Za-z]+[：:]\s*/;

/** A file's error, kept to report it. */
function refusedAs(index: number, f: EvidenceFileInput, e: unknown): RefusedFile {
  if (!(e instanceof AppError)) throw e;
  const message = { zh: e.text.zh.replace(FIELD, ''), en: e.text.en.replace(FIELD, '') };
  return { index, filename: String(f.filename ?? ''), code: e.code, message };
}

/**
 * Checks every file; those that fail are kept with their error, the others ready to store. The
 * total size is checked first, before any file is parsed.
 */
async function sortFiles(files: readonly EvidenceFileInput[]) {
  const refused: RefusedFile[] = [];
  const decoded: { index: number; f: EvidenceFileInput; content: Uint8Array }[] = [];
  for (const [index, f] of files.entries()) {
    try {
      decoded.push({
        index,
        f,
        content: typeof f.content === 'function' ? f.content() : f.content,
      });
    } catch (e) {
      refused.push(refusedAs(index, f, e));
    }
  }
  checkTotal(decoded.reduce((n, d) => n + (d.content?.byteLength ?? 0), 0));
  const passed: { index: number; file: CheckedFile }[] = [];
  for (const { index, f, content } of decoded) {
    try {
      passed.push({ index, file: await checkedFile({ ...f, content }) });
    } catch (e) {
      refused.push(refusedAs(index, f, e));
    }
  }
  refused.sort((a, b) => a.index - b.index);
  return { passed, refused };
}

/** The request refused as a whole: no file passed; each is named with its reason. */
function noneAdded(refused: readonly RefusedFile[]): AppError {
  if (refused.length === 1) {
    const only = refused[0]!;
    return new AppError(only.code, { field: 'files', refused }, only.message);
  }
  return new AppError(
    'VALIDATION',
    { field: 'files', refused },
    {
      zh: `所选文件均未添加：${refused.map((r) => r.message.zh).join('；')}`,
      en: `None of the files was added: ${refused.map((r) => r.message.en).join('; ')}`,
    },
  );
}

export async function addEvidenceFiles(ctx: AppContext, actor: Actor, req: AddEvidenceFilesInput) {
  checkCount(req.files);
  const { passed, refused } = await sortFiles(req.files);
  if (passed.length === 0) throw noneAdded(refused);
  return runTransition(ctx, actor, 'addEvidence', req, async ({ tx, loaded, now }) => {
    // The same content already in the case file (and not withdrawn) is not added again.
    const there = await tx
      .select({ id: evidence.id, sha256: evidence.sha256, filename: evidence.filename })
      .from(evidence)
      .where(
        and(
          eq(evidence.caseId, loaded.row.id),
          inArray(evidence.sha256, [...new Set(passed.map((p) => p.file.sha256))]),
          isNull(evidence.withdrawnAt),
        ),
      );
    const known = new Map(there.map((e) => [e.sha256, e]));
    const added = [];
    const alreadyThere = [];
    for (const { index, file } of passed) {
      const same = known.get(file.sha256);
      if (same) {
        alreadyThere.push({ index, filename: file.filename, evidenceId: same.id });
        continue;
      }
      const row = await insertEvidence(ctx, tx, loaded, actor, now, file);
      known.set(row.sha256, { id: row.evidenceId, sha256: row.sha256, filename: row.filename });
      added.push({ index, ...row });
    }
    return {
      event: 'case.evidence_added',
      payload: {
        files: added.map(({ index: _i, ...f }) => f),
        alreadyThere: alreadyThere.map(({ filename, evidenceId }) => ({ filename, evidenceId })),
        refused: refused.map(({ filename, code }) => ({ filename, code })),
      },
      result: {
        added: added.map(({ index, evidenceId, filename, mediaType, size, sha256 }) => ({
          index,
          evidenceId,
          filename,
          mediaType,
          size,
          sha256,
        })),
        alreadyThere,
        refused,
      },
    };
  });
}

/**
 * Sending several evidence files in one request (POST /api/cases/:id/evidence/files; the server's
 * add-evidence-files.ts says why one request): the checks the server makes again, made early
 * (type by extension, size, count, total), each file read as Base64, and the upload, which reads
 * the case's version just before and, if someone moved the case on meanwhile, reads it again and
 * sends once more. Used by the evidence card and by the application form.
 */
import {
  ACCEPTED_MEDIA_TYPES,
  evidenceTypeOfExtension,
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_FILES_PER_UPLOAD,
  MAX_EVIDENCE_UPLOAD_BYTES,
} from '../shared';
import type { TFunction } from 'i18next';
import { api, ApiError } from '../api';
import type { CaseView, EvidenceFilesResult, I18nText } from '../types';

/**
 * The media type to send: by extension first (browsers disagree on types, and often leave .odt or
 * .docx without one), else the browser's, if the server accepts it (src/shared/limits.ts; the
 * server is the authority and checks again).
 */
export function mediaTypeOf(file: { readonly name: string; readonly type: string }): string | null {
  const dot = file.name.lastIndexOf('.');
  const ext = dot >= 0 ? file.name.slice(dot + 1).toLowerCase() : '';
  const byExt = evidenceTypeOfExtension(ext);
  if (byExt) return byExt;
  const type = file.type.split(';')[0]!.trim().toLowerCase();
  return (ACCEPTED_MEDIA_TYPES as readonly string[]).includes(type) ? type : null;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Why one file cannot be sent (empty, too large, a type not taken), or null. */
export function fileProblem(f: File, t: TFunction): string | null {
  if (f.size === 0) return t('official.evidence.fileEmpty');
  if (f.size > MAX_EVIDENCE_BYTES) {
    return t('official.evidence.fileTooLarge', { size: (f.size / 1024 / 1024).toFixed(1) });
  }
  if (!mediaTypeOf(f)) return t('files.upload.fileType');
  return null;
}

/** Why these files cannot go in one upload (too many, too large together), or null. */
export function batchProblem(files: readonly File[], t: TFunction): string | null {
  if (files.length > MAX_EVIDENCE_FILES_PER_UPLOAD) {
    return t('files.upload.tooMany', { max: MAX_EVIDENCE_FILES_PER_UPLOAD });
  }
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_EVIDENCE_UPLOAD_BYTES) {
    return t('files.upload.tooLarge', {
      size: (total / 1024 / 1024).toFixed(1),
      max: MAX_EVIDENCE_UPLOAD_BYTES / 1024 / 1024,
    });
  }
  return null;
}

/** The file's bytes as Base64 (without the data: prefix). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** Each file's fate, by its position in `files`: sent and kept, or refused with the reason. */
export interface FileOutcome {
  readonly file: File;
  readonly ok: boolean;
  /** The server's reason, when refused. */
  readonly refused?: I18nText;
}

/** The per-file outcomes of an answer (or of a request refused as a whole, from its details). */
export function outcomesOf(files: readonly File[], r: EvidenceFilesResult): FileOutcome[] {
  const refused = new Map(r.refused.map((x) => [x.index, x.message]));
  return files.map((file, i) => {
    const why = refused.get(i);
    return why ? { file, ok: false, refused: why } : { file, ok: true };
  });
}

/** The per-file reasons of a request the server refused as a whole, when it gave them. */
export function refusedOf(files: readonly File[], e: unknown): FileOutcome[] | null {
  if (!(e instanceof ApiError) || !Array.isArray(e.details['refused'])) return null;
  const refused = e.details['refused'] as EvidenceFilesResult['refused'];
  return outcomesOf(files, { added: [], alreadyThere: [], refused });
}

/** Sends the files with an optional description (the same for each) to the case. */
export async function uploadEvidenceFiles(
  caseId: string,
  files: readonly File[],
  description?: string,
): Promise<EvidenceFilesResult> {
  const parts = await Promise.all(
    files.map(async (f) => ({
      filename: f.name,
      mediaType: mediaTypeOf(f) ?? f.type,
      contentBase64: await readAsBase64(f),
      ...(description ? { description } : {}),
    })),
  );
  const path = `/api/cases/${encodeURIComponent(caseId)}`;
  const send = async () => {
    const c = await api<CaseView>('GET', path);
    return api<{ result: EvidenceFilesResult }>('POST', `${path}/evidence/files`, {
      expectedVersion: c.version,
      files: parts,
    });
  };
  try {
    return (await send()).result;
  } catch (e) {
    // Someone moved the case on between our read and the upload: read it again, once.
    if (e instanceof ApiError && e.code === 'CASE_VERSION_CONFLICT') return (await send()).result;
    throw e;
  }
}

/**
 * Evidence files: POST /api/cases/:id/evidence takes JSON with the file as Base64 (no multipart;
 * this one route accepts bodies up to 28 MB, enough for a 20 MiB file); POST …/evidence/files
 * takes several files in one request (add-evidence-files.ts says why), each reported as added,
 * already there or refused with the reason; GET /api/cases/:id/evidence/:eid downloads a file
 * after the case's read permission is checked, and GET …/:eid/preview shows a PDF or image inline.
 *
 * A download is always an attachment, never rendered in the app's origin: Content-Disposition:
 * attachment, X-Content-Type-Options: nosniff, and a sandboxing CSP of its own, so that a text or
 * image file cannot run script with the user's session. A preview is inline and only of a PDF,
 * PNG or JPEG whose whole structure was checked at upload (nosniff keeps the browser to that
 * type). The PDF preview is the one response of the app that may be framed, and only by the app
 * itself (frame-ancestors 'self', X-Frame-Options: SAMEORIGIN); Chromium's PDF viewer does not
 * run in a sandboxed document, so the PDF's CSP forbids everything but is not a sandbox. Images are
 * shown by <img>, which needs no framing, and keep the sandbox.
 */
import type { FastifyInstance } from 'fastify';
import {
  EVIDENCE_BODY_LIMIT,
  EVIDENCE_FILES_BODY_LIMIT,
  EvidenceBody,
  EvidenceFilesBody,
  EvidenceFilesResult,
  EvidenceParams,
  EvidenceResult,
  TransitionAnswer,
  CaseIdParams,
  Type,
} from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { invalid } from '../../app/errors.js';
import { addEvidence, readEvidence, type EvidenceFile } from '../../app/cases/add-evidence.js';
import { addEvidenceFiles } from '../../app/cases/add-evidence-files.js';
import { actorOf } from '../auth/authenticate.js';
import { contentDisposition, sendUploadedFile, uploadedFileAnswer } from '../download.js';
import { getCase } from '../../app/queries/case-view.js';
import { responses, typed } from '../schemas.js';

export { EVIDENCE_BODY_LIMIT };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict Base64: whitespace-free, padded, nothing ignored silently. */
export function decodeBase64(field: string, value: string): Uint8Array {
  if (value.length % 4 !== 0 || !BASE64.test(value)) {
    throw invalid(
      field,
      '应为标准 Base64 编码（不含空白，长度为 4 的倍数）。',
      'must be standard Base64 (no whitespace, length a multiple of 4).',
    );
  }
  const buf = Buffer.from(value, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** The headers of a file shown inline (see the module comment). */
function previewHeaders(file: EvidenceFile): Record<string, string> {
  const pdf = file.mediaType === 'application/pdf';
  return {
    'content-type': file.mediaType,
    'content-disposition': contentDisposition(file.filename).replace(/^attachment/, 'inline'),
    'content-security-policy': pdf
      ? "default-src 'none'; frame-ancestors 'self'"
      : "sandbox; default-src 'none'; frame-ancestors 'none'",
    'x-frame-options': pdf ? 'SAMEORIGIN' : 'DENY',
    'cache-control': 'private, no-store',
    etag: `"${file.sha256}"`,
  };
}

const bytesOf = (file: EvidenceFile) =>
  Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength);

export async function evidenceRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);

  app.post(
    '/cases/:id/evidence/files',
    {
      bodyLimit: EVIDENCE_FILES_BODY_LIMIT,
      schema: {
        tags: ['evidence'],
        summary: '批量上传证据材料 · Add several evidence files',
        description:
          'Several files in one request (at most 10, together at most 40 MiB, each at most 20 MiB), each as Base64 in JSON. Each file is checked on its own and reported: added, already in the case file (same content, not added twice), or refused with the reason. The files added are one change of the case with one event listing them; when none can be added the request is refused naming each file.',
        params: CaseIdParams,
        body: EvidenceFilesBody,
        response: responses({ 200: TransitionAnswer(EvidenceFilesResult) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const r = await addEvidenceFiles(ctx, actor, {
        caseId: req.params.id,
        expectedVersion: req.body.expectedVersion,
        files: req.body.files.map((f) => ({
          filename: f.filename,
          mediaType: f.mediaType,
          content: () => decodeBase64('contentBase64', f.contentBase64),
          description: f.description,
        })),
      });
      return { case: await getCase(ctx, actor, req.params.id), result: r.result };
    },
  );

  app.get(
    '/cases/:id/evidence/:eid/preview',
    {
      schema: {
        tags: ['evidence'],
        summary: '预览证据材料 · Preview evidence',
        description:
          'A PDF, PNG or JPEG file shown inline (a PDF may be framed by this app only), for anyone who may read the case; each preview is logged as a download is. Other types answer 415: download them.',
        params: EvidenceParams,
        response: responses({
          200: {
            description: 'The file.',
            content: {
              'application/pdf': {
                schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }),
              },
            },
          },
        }),
      },
    },
    async (req, reply) => {
      const file = await readEvidence(ctx, actorOf(req), req.params.id, req.params.eid, 'preview');
      return reply.headers(previewHeaders(file)).send(bytesOf(file));
    },
  );

  app.post(
    '/cases/:id/evidence',
    {
      bodyLimit: EVIDENCE_BODY_LIMIT,
      schema: {
        tags: ['evidence'],
        summary: '上传证据材料 · Add evidence',
        description:
          'A party (while the facts are open) or an investigator adds a file: PDF, PNG, JPEG, plain text, DOCX, XLSX or ODT, at most 20 MiB, sent as Base64 in JSON. The content must match its type.',
        params: CaseIdParams,
        body: EvidenceBody,
        response: responses({ 200: TransitionAnswer(EvidenceResult) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const content = decodeBase64('contentBase64', req.body.contentBase64);
      const r = await addEvidence(ctx, actor, {
        caseId: req.params.id,
        expectedVersion: req.body.expectedVersion,
        filename: req.body.filename,
        mediaType: req.body.mediaType,
        content,
        description: req.body.description,
      });
      return { case: await getCase(ctx, actor, req.params.id), result: r.result };
    },
  );

  app.get(
    '/cases/:id/evidence/:eid',
    {
      schema: {
        tags: ['evidence'],
        summary: '下载证据材料 · Download evidence',
        description:
          'The file, as an attachment, for anyone who may read the case; each download is logged.',
        params: EvidenceParams,
        response: responses({ 200: uploadedFileAnswer() }),
      },
    },
    async (req, reply) => {
      const file = await readEvidence(ctx, actorOf(req), req.params.id, req.params.eid);
      return sendUploadedFile(reply, file);
    },
  );
}

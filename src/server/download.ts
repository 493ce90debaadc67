/**
 * File downloads: their headers, how a route sends a workbook, a PDF or a text file, and how its
 * schema declares them — one way for every route that lets a user take a file away.
 */
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { Type, type TSchema } from 'typebox';

/**
 * `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266, RFC 5987): browsers save the file
 * under its real (e.g. Chinese) name; old clients get an ASCII stand-in.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'download';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The 200 answer of a route that sends an Excel workbook, as its schema declares it. */
export function workbookAnswer() {
  return {
    description: 'The workbook.',
    content: {
      [XLSX]: {
        // Streamed as exceljs writes it.
        schema: Type.Unsafe<Readable>({
          type: 'string',
          format: 'binary',
          description: 'The .xlsx file.',
        }),
      },
    },
  };
}

/** Sends a workbook as a download, never cached; `headers` say more (e.g. the rows written). */
export function sendWorkbook(
  reply: FastifyReply,
  book: { readonly filename: string; readonly stream: Readable },
  headers: Record<string, string> = {},
): FastifyReply {
  return reply
    .type(XLSX)
    .header('content-disposition', contentDisposition(book.filename))
    .header('cache-control', 'no-store')
    .headers(headers)
    .send(book.stream);
}

/** The 200 answer of a route that sends a file in one of several types (`types`: type → what). */
export function fileAnswer(description: string, types: Readonly<Record<string, string>>) {
  return {
    description,
    content: Object.fromEntries(
      Object.entries(types).map(([type, what]) => [
        type,
        {
          schema: Type.Unsafe<Readable | string>({
            type: 'string',
            format: 'binary',
            description: what,
          }),
        },
      ]),
    ),
  };
}

/** Sends a text file (CSV, XML…) as a download, never cached. */
export function sendTextFile(
  reply: FastifyReply,
  file: { readonly filename: string; readonly type: string; readonly text: string },
  headers: Record<string, string> = {},
): FastifyReply {
  return reply
    .type(file.type)
    .header('content-disposition', contentDisposition(file.filename))
    .header('cache-control', 'no-store')
    .headers(headers)
    .send(file.text);
}

/** The 200 answer of a document route: the document as JSON, or a text or PDF file. */
export function documentAnswer<T extends TSchema>(json: T) {
  return {
    description: 'The document: JSON, or with `format` a text or PDF file.',
    content: {
      'application/json': { schema: json },
      'text/plain': { schema: Type.String({ description: 'The document as text.' }) },
      'application/pdf': {
        schema: Type.Unsafe<Uint8Array>({
          type: 'string',
          format: 'binary',
          description: 'The PDF file.',
        }),
      },
    },
  };
}

/** Sends a document's PDF, saying in a header when a standard face fell back to another. */
export function sendPdf(
  reply: FastifyReply,
  file: {
    readonly filename: string;
    readonly pdf: Uint8Array;
    readonly fontNotice?: string | null;
  },
): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', contentDisposition(file.filename))
    .header('cache-control', 'no-store')
    .headers(file.fontNotice ? { 'x-document-font-notice': file.fontNotice } : {})
    .send(file.pdf);
}

/** Sends a document as a text file, named by its number (its title before it has one). */
export function sendDocumentText(
  reply: FastifyReply,
  document: { readonly documentNumber: string; readonly title: string; readonly text: string },
): FastifyReply {
  return reply
    .type('text/plain; charset=utf-8')
    .header(
      'content-disposition',
      contentDisposition(`${document.documentNumber || document.title}.txt`),
    )
    .send(document.text);
}

/** The 200 answer of a route that sends back a file a user uploaded, as its schema declares it. */
export function uploadedFileAnswer() {
  return {
    description: 'The file.',
    content: {
      'application/octet-stream': {
        schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }),
      },
    },
  };
}

/**
 * Sends back a file a user uploaded (evidence, a correction's proof), always as an attachment with
 * a sandboxing CSP of its own, so that its content never runs in the app's origin.
 */
export function sendUploadedFile(
  reply: FastifyReply,
  file: {
    readonly filename: string;
    readonly mediaType: string;
    readonly sha256: string;
    readonly content: Uint8Array;
  },
) {
  const c = file.content;
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', contentDisposition(file.filename))
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cache-control', 'private, no-store')
    .header('etag', `"${file.sha256}"`)
    .send(Buffer.from(c.buffer, c.byteOffset, c.byteLength));
}

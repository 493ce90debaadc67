/**
 * Errors that happen before a request reaches a route, answered in the catalogue's shape like
 * every other error (errors.ts) instead of Fastify's or Node's own English bodies:
 *
 * - the router's: a path whose %-encoding does not decode (BAD_URL, 400, instead of a body that
 *   echoes the URL) and a path parameter over `maxParamLength` (NOT_FOUND) — Fastify's
 *   `frameworkErrors` (with the web app's catch-all route, an over-long parameter falls through
 *   to it and gets the same 404);
 * - the HTTP parser's: headers and request line over Node's `maxHeaderSize` (HEADERS_TOO_LARGE,
 *   431), a request not sent in time (REQUEST_TIMEOUT, 408), anything that is not HTTP
 *   (BAD_REQUEST, 400) — the server's `clientError` event, through Fastify's
 *   `clientErrorHandler`. No request object exists yet, so the answer is written on the socket:
 *   the message in Chinese first (no Accept-Language was read), both languages in the body.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { AppError, CATALOGUE, type ErrorCode } from '../app/errors.js';
import { errorHandler } from './errors.js';

/** Node's default, said once so that the message (16 KB) and the server agree. */
export const MAX_HEADER_BYTES = 16 * 1024;

const ROUTER_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_BAD_URL: 'BAD_URL',
  // A parameter longer than any id matches no route.
  FST_ERR_MAX_PARAM_LENGTH: 'NOT_FOUND',
};

/** Fastify's `frameworkErrors`: the router's refusals in the catalogue's shape. */
export function frameworkErrors(
  err: FastifyError,
  req: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const code = ROUTER_ERRORS[err.code];
  reply.header('x-content-type-options', 'nosniff');
  return errorHandler(code ? new AppError(code) : err, req, reply);
}

/** The raw HTTP answer for a client error the parser raised (`err.code` from llhttp or Node). */
export function clientErrorResponse(errCode: string | undefined): string {
  const code: ErrorCode =
    errCode === 'HPE_HEADER_OVERFLOW'
      ? 'HEADERS_TOO_LARGE'
      : errCode === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : 'BAD_REQUEST';
  const { status, message } = CATALOGUE[code];
  const body = JSON.stringify({ error: { code, message, details: {} }, message: message.zh });
  const reason = code === 'HEADERS_TOO_LARGE' ? 'Request Header Fields Too Large' : 'Bad Request';
  return [
    `HTTP/1.1 ${status} ${code === 'REQUEST_TIMEOUT' ? 'Request Timeout' : reason}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** How long a refused client may go on sending before the connection is cut. */
const DRAIN_MS = 2000;

/**
 * Fastify's `clientErrorHandler`: writes the answer, then half-closes and reads (and drops)
 * whatever the client is still sending, so that closing with unread data does not reset the
 * connection before the client has read the answer; cut after DRAIN_MS in any case.
 */
export const clientErrorHandler: NonNullable<FastifyServerOptions['clientErrorHandler']> = (
  err: Error & { code?: string },
  socket: Socket,
) => {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.on('data', () => {});
  socket.on('error', () => socket.destroy());
  socket.resume();
  socket.end(clientErrorResponse(err.code));
  setTimeout(() => socket.destroy(), DRAIN_MS).unref();
};

/**
 * One error shape for every failure: `{ error: { code, message: { zh, en }, details } }` with the
 * catalogue's HTTP status, plus `message` in the language the client asked for (Accept-Language)
 * as a convenience. Validation failures name the field. Anything unexpected is logged on the
 * server and answered with a bare 500 INTERNAL: never a stack trace, SQL or a file path.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.js';
import { PolicyError } from '../policy/errors.js';
import type { I18nText } from '../policy/model.js';
import { validationError } from './validation.js';

/** Errors that only the HTTP layer raises (the body of the request, not its meaning). */
const HTTP_ERRORS: Record<string, { status: number; code: string; message: I18nText }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: {
      zh: '请求内容过大。附件请控制在 20 MB 以内，其他请求在 1 MB 以内。',
      en: 'The request is too large. Keep attachments under 20 MB and other requests under 1 MB.',
    },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: {
      zh: '只接受 JSON 请求体（Content-Type: application/json）。',
      en: 'Only JSON request bodies are accepted (Content-Type: application/json).',
    },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'VALIDATION',
    message: {
      zh: 'Content-Length 与请求体长度不符。',
      en: 'Content-Length does not match the body.',
    },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'VALIDATION',
    message: {
      zh: '请求体为空；请发送 JSON 对象，或去掉 Content-Type: application/json。',
      en: 'The body is empty; send a JSON object, or drop Content-Type: application/json.',
    },
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'VALIDATION',
    message: { zh: '请求体不是有效的 JSON。', en: 'The body is not valid JSON.' },
  },
};

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: I18nText;
    readonly details: Record<string, unknown>;
  };
  /** The message in the language of Accept-Language (zh unless English is preferred). */
  readonly message: string;
}

/** zh unless the client prefers English over Chinese. */
export function preferredLang(req: FastifyRequest): 'zh' | 'en' {
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return 'zh';
  let best: { lang: 'zh' | 'en'; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const lang = tag.startsWith('zh') ? 'zh' : tag.startsWith('en') ? 'en' : undefined;
    if (!lang) continue;
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    if (Number.isFinite(q) && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}

export function errorBody(
  req: FastifyRequest,
  code: string,
  message: I18nText,
  details: Record<string, unknown>,
): ErrorBody {
  return { error: { code, message, details }, message: message[preferredLang(req)] };
}

/** Whatever was thrown, as a status and a safe body. */
export function toResponse(
  err: unknown,
  req: FastifyRequest,
): { status: number; body: ErrorBody; unexpected: boolean } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: errorBody(req, err.code, err.text, err.details),
      unexpected: false,
    };
  }
  if (err instanceof PolicyError) {
    const d = err.diagnostics[0];
    return {
      status: 422,
      body: errorBody(
        req,
        'POLICY_INPUT',
        d?.message ?? {
          zh: '事实不符合策略包的要求。',
          en: 'The facts do not fit the policy pack.',
        },
        { code: err.code },
      ),
      unexpected: false,
    };
  }
  const fe = err as Partial<FastifyError>;
  if (fe && Array.isArray(fe.validation)) {
    const e = validationError(fe.validation, fe.validationContext ?? 'body');
    return { status: 400, body: errorBody(req, e.code, e.text, e.details), unexpected: false };
  }
  const known = fe?.code ? HTTP_ERRORS[fe.code] : undefined;
  if (known) {
    return {
      status: known.status,
      body: errorBody(req, known.code, known.message, {}),
      unexpected: false,
    };
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Another client error from the HTTP layer: say it is the request, without the library's text.
    return {
      status: fe.statusCode,
      body: errorBody(
        req,
        'VALIDATION',
        {
          zh: '请求无法处理，请检查其格式。',
          en: 'The request cannot be processed; check its form.',
        },
        {},
      ),
      unexpected: false,
    };
  }
  return {
    status: 500,
    body: errorBody(
      req,
      'INTERNAL',
      {
        zh: '服务器内部错误，已记录。请稍后重试。',
        en: 'Internal error; it has been logged. Please try again later.',
      },
      { requestId: req.id },
    ),
    unexpected: true,
  };
}

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const { status, body, unexpected } = toResponse(err, req);
  if (unexpected) req.log.error({ err }, 'unexpected error');
  else if (status >= 500) req.log.error({ err }, 'server error');
  const retryAfter = body.error.details['retryAfterSeconds'];
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  // An error answer is never cached: it may concern a private case.
  reply.header('cache-control', 'no-store');
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  const path = (req.url.split('?')[0] ?? '').slice(0, 200);
  return reply
    .status(404)
    .type('application/json; charset=utf-8')
    .send(
      errorBody(
        req,
        'NOT_FOUND',
        {
          zh: `没有这个接口：${req.method} ${path}。接口说明见 /api/docs。`,
          en: `No such endpoint: ${req.method} ${path}. See /api/docs for the API.`,
        },
        {},
      ),
    );
}

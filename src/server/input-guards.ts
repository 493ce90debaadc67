/**
 * Guards on what a request carries before any route sees it, so that every route is covered in
 * one place:
 *
 * - **JSON bodies are UTF-8, strictly.** The body is read as bytes and decoded with a fatal
 *   TextDecoder: invalid bytes are refused (INPUT_NOT_UTF8) instead of being replaced by U+FFFD
 *   and stored; a body declared in another charset (`application/json; charset=latin1`) is refused
 *   (UNSUPPORTED_CHARSET, 415) instead of being read as UTF-8. The JSON itself is then parsed by
 *   Fastify's own parser (prototype-poisoning protection included).
 * - **No NUL characters and no lone surrogates in any string** of the body, the query string or
 *   the path parameters, keys included (INPUT_NUL_CHARACTER, INPUT_BAD_TEXT). PostgreSQL cannot
 *   store U+0000 in text, and a lone surrogate is not Unicode text; both used to reach the store
 *   and fail there with a 500, or be replaced silently. One refusal naming the field is clearer than
 *   stripping, and no field of this API needs either.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.js';

/** `charset` values that name UTF-8 (WHATWG labels; compared in lower case). */
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

/** The charset parameter of a Content-Type, lower case, without quotes; undefined when absent. */
export function charsetOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  for (const param of contentType.split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    return param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return undefined;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text, or the catalogue error for a foreign charset or invalid UTF-8. */
export function decodeJsonBody(contentType: string | undefined, body: Buffer): string {
  const charset = charsetOf(contentType);
  if (charset !== undefined && !UTF8_LABELS.has(charset)) {
    throw new AppError('UNSUPPORTED_CHARSET', { charset: charset.slice(0, 40) });
  }
  try {
    return fatalUtf8.decode(body);
  } catch {
    throw new AppError('INPUT_NOT_UTF8', { offset: firstInvalidUtf8(body) });
  }
}

/** The offset of the first byte that does not start a valid UTF-8 sequence (for the details). */
function firstInvalidUtf8(body: Buffer): number {
  let lo = 0;
  let hi = body.length;
  // The longest valid prefix, by halving (a prefix that cuts a sequence in two is invalid too,
  // so the answer is the start of the offending sequence, within three bytes).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      fatalUtf8.decode(body.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/** A lone (unpaired) UTF-16 surrogate: a string JSON's \u escapes can make but UTF-8 cannot hold. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deep enough for any body this API takes; deeper input is refused rather than walked. */
const MAX_DEPTH = 64;

type Part = 'body' | 'querystring' | 'params';

/** The first string (value or key) in `value` that cannot be stored as text, with its path. */
export function findBadText(
  value: unknown,
  path: string,
  depth = 0,
): { field: string; problem: 'nul' | 'surrogate' | 'depth' } | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { field: path, problem: 'nul' };
    if (LONE_SURROGATE.test(value)) return { field: path, problem: 'surrogate' };
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return { field: path, problem: 'depth' };
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  for (const [key, v] of entries) {
    const field = path === '' ? key : `${path}.${key}`;
    const keyProblem = findBadText(key, field, depth + 1);
    if (keyProblem) return keyProblem;
    const found = findBadText(v, field, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Throws the catalogue error for the first bad string of a request part. */
export function checkText(part: Part, value: unknown): void {
  const found = findBadText(value, '');
  if (!found) return;
  const details = { in: part, field: found.field };
  if (found.problem === 'nul') throw new AppError('INPUT_NUL_CHARACTER', details, nulText(found));
  if (found.problem === 'surrogate') {
    throw new AppError('INPUT_BAD_TEXT', details, surrogateText(found));
  }
  throw new AppError('VALIDATION', details, {
    zh: `请求内容嵌套超过 ${MAX_DEPTH} 层，请简化后重试。`,
    en: `The request is nested deeper than ${MAX_DEPTH} levels; simplify it and try again.`,
  });
}

function nulText({ field }: { field: string }) {
  return {
    zh: `${field ? `字段“${field}”` : '请求内容'}含有空字符（U+0000），系统无法保存；请删除该字符后重试。`,
    en: `${field ? `The field '${field}'` : 'The request'} contains a NUL character (U+0000), which cannot be stored; remove it and try again.`,
  };
}

function surrogateText({ field }: { field: string }) {
  return {
    zh: `${field ? `字段“${field}”` : '请求内容'}含有不成对的 UTF-16 代理字符（如 \\ud800），不是有效的文字；请删除该字符后重试。`,
    en: `${field ? `The field '${field}'` : 'The request'} contains an unpaired UTF-16 surrogate (such as \\ud800), which is not valid text; remove it and try again.`,
  };
}

/** Registers the JSON parser and the text check on `app` (before the routes). */
export function registerInputGuards(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (req: FastifyRequest, body: Buffer, done) => {
      let text: string;
      try {
        text = decodeJsonBody(req.headers['content-type'], body);
      } catch (err) {
        done(err as Error, undefined);
        return;
      }
      parseJson(req, text, done);
    },
  );
  app.addHook('preValidation', async (req) => {
    checkText('params', req.params);
    checkText('querystring', req.query);
    checkText('body', req.body);
  });
}

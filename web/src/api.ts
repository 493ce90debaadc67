/**
 * Calls to the JSON API on this origin. The session is an HttpOnly cookie the browser sends by
 * itself; every write also carries the session's CSRF token in X-CSRF-Token. A failure is an
 * ApiError carrying the server's message in both languages.
 */
import type { Locale } from './shared';
import type { I18nText } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: I18nText,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(text.en);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;
let language: Locale = 'zh';
let onSessionLost: (() => void) | undefined;
let onPasswordChangeRequired: ((reason: 'required' | 'expired') => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The language the server writes its messages in (Accept-Language). */
export function setApiLanguage(lang: Locale): void {
  language = lang;
}

/** Called when an authenticated call answers 401: the session ended on the server. */
export function setOnSessionLost(fn: (() => void) | undefined): void {
  onSessionLost = fn;
}

/** Called when a call answers PASSWORD_CHANGE_REQUIRED: the password must be changed first. */
export function setOnPasswordChangeRequired(
  fn: ((reason: 'required' | 'expired') => void) | undefined,
): void {
  onPasswordChangeRequired = fn;
}

const NETWORK_ERROR: I18nText = {
  zh: '无法连接服务器，请检查网络后重试。',
  en: 'Cannot reach the server; check the connection and try again.',
};

const BAD_ANSWER: I18nText = {
  zh: '服务器的回答无法识别，请稍后重试。',
  en: 'The server gave an answer that cannot be read; try again later.',
};

function isText(v: unknown): v is I18nText {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as I18nText).zh === 'string' &&
    typeof (v as I18nText).en === 'string'
  );
}

export async function api<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  opts: { signal?: AbortSignal; quietOn401?: boolean; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    ...opts.headers,
    accept: 'application/json',
    'accept-language': language === 'en' ? 'en' : 'zh-CN',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: opts.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR);
  }
  let data: unknown = undefined;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      data = await res.json();
    } catch {
      throw new ApiError(res.status, 'BAD_ANSWER', BAD_ANSWER);
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } })
      ?.error;
    const apiError = new ApiError(
      res.status,
      typeof err?.code === 'string' ? err.code : `HTTP_${res.status}`,
      isText(err?.message) ? err.message : BAD_ANSWER,
      typeof err?.details === 'object' && err.details !== null
        ? (err.details as Record<string, unknown>)
        : {},
    );
    if (res.status === 401 && !opts.quietOn401) onSessionLost?.();
    if (apiError.code === 'PASSWORD_CHANGE_REQUIRED') {
      onPasswordChangeRequired?.(apiError.details['reason'] === 'expired' ? 'expired' : 'required');
    }
    throw apiError;
  }
  return data as T;
}

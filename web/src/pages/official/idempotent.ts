/**
 * A creating POST with an Idempotency-Key header, so that a retry after a lost answer returns the
 * case first created instead of opening a second one.
 *
 * web/src/api.ts sends no extra headers yet, so this one call is made here: it takes the session's
 * CSRF token from GET /api/auth/me (through api()) and turns a refusal into the same ApiError
 * (code and zh/en message) as api() does. Once api() accepts headers, this becomes one api() call.
 */
import { api, ApiError } from '../../api';
import { currentLang } from '../../i18n';
import type { I18nText, Session } from '../../types';

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

/** A fresh key in the form the server accepts (8–128 of A–Z a–z 0–9 _ . : -). */
export function newIdempotencyKey(): string {
  return `apply-${crypto.randomUUID()}`;
}

export async function postIdempotent<T>(path: string, body: unknown, key: string): Promise<T> {
  const { csrfToken } = await api<Session>('GET', '/api/auth/me');
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': currentLang() === 'en' ? 'en' : 'zh-CN',
        'content-type': 'application/json',
        'x-csrf-token': csrfToken,
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR);
  }
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    throw new ApiError(res.status, 'BAD_ANSWER', BAD_ANSWER);
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } })
      ?.error;
    throw new ApiError(
      res.status,
      typeof err?.code === 'string' ? err.code : `HTTP_${res.status}`,
      isText(err?.message) ? err.message : BAD_ANSWER,
      typeof err?.details === 'object' && err.details !== null
        ? (err.details as Record<string, unknown>)
        : {},
    );
  }
  return data as T;
}

/**
 * Downloads a file from the API (the decision document as PDF or text) through fetch, so that a
 * refusal (404, 409, 503) shows the server's message instead of saving an error as a file. The
 * name is the one the server gives in Content-Disposition (filename*, RFC 5987).
 */
import type { Locale } from '../../../shared';
import { ApiError } from '../../../api';
import type { I18nText } from '../../../types';

const FAILED: I18nText = {
  zh: '下载未成功，请检查网络后重试。',
  en: 'The download did not work; check the connection and try again.',
};

/** The file name in a Content-Disposition header, if any. */
export function filenameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // a malformed encoding: fall back to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1];
}

export async function downloadFile(path: string, lang: Locale, fallbackName: string) {
  let res: Response;
  try {
    res = await fetch(path, {
      credentials: 'same-origin',
      headers: { 'accept-language': lang === 'en' ? 'en' : 'zh-CN' },
    });
  } catch {
    throw new ApiError(0, 'NETWORK', FAILED);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as
      { error?: { code?: string; message?: I18nText } } | undefined;
    throw new ApiError(
      res.status,
      body?.error?.code ?? `HTTP_${res.status}`,
      body?.error?.message ?? FAILED,
    );
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filenameOf(res.headers.get('content-disposition')) ?? fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the object URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Puts a server refusal where it belongs: on the form field it names (the error's
 * details.field, e.g. 'password' or 'grants[0].scopeId' → 'grants'), in the user's language.
 * Returns false when the error names no field of the form, for the caller to show it above.
 */
import type { FormInstance } from 'antd';
import { ApiError } from '../../api';
import { pick, type Lang } from '../../i18n';

export function showOnField(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  lang: Lang,
): boolean {
  if (!(error instanceof ApiError)) return false;
  const raw = error.details['field'];
  if (typeof raw !== 'string') return false;
  const name = raw.replace(/[[.].*$/, '');
  if (!fields.includes(name)) return false;
  form.setFields([{ name, errors: [pick(error.text, lang)] }]);
  return true;
}

/**
 * One deliberation action: POST /api/cases/:id/<path> with the version the user saw
 * (`expectedVersion`). On success the case page reloads the case (`onChanged`). When someone else
 * changed the case first (409 CASE_VERSION_CONFLICT) the page reloads too and a message says so
 * (a message, because the reload replaces this panel and its local state); every other failure is
 * kept for the form to show with the server's zh/en text.
 */
import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api';
import { pick } from '../../../i18n';
import { useLang } from '../../../lang';
import type { CaseView } from '../../../types';

export interface DeliberationAction {
  readonly busy: boolean;
  /** The last failure, for an ErrorAlert; null when none. */
  readonly error: unknown;
  /** Sends the action; resolves true when it was taken. */
  run(path: string, body?: Record<string, unknown>): Promise<boolean>;
  clearError(): void;
}

export function useDeliberationAction(view: CaseView, onChanged: () => void): DeliberationAction {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = useCallback(
    async (path: string, body: Record<string, unknown> = {}) => {
      setBusy(true);
      setError(null);
      try {
        await api('POST', `/api/cases/${encodeURIComponent(view.id)}/${path}`, {
          ...body,
          expectedVersion: view.version,
        });
        void message.success(t('committee.action.done'));
        onChanged();
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.code === 'CASE_VERSION_CONFLICT') {
          void message.warning(`${pick(e.text, lang)} ${t('committee.action.reloaded')}`, 8);
          onChanged();
        }
        setError(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [view.id, view.version, message, onChanged, t, lang],
  );
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}

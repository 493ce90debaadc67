/**
 * Taking an action on a case: POST /api/cases/:id/<path> with the version the user acted on
 * (`expectedVersion`). On success the page shows the fresh case the server answers with; when
 * someone else changed the case first (409 CASE_VERSION_CONFLICT) the page reloads the case and
 * says so, so that nobody acts on a stale screen. Every failure is kept for the form to show.
 */
import { App } from 'antd';
import { createContext, useCallback, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import type { CaseFile } from './model';

export const VERSION_CONFLICT = 'CASE_VERSION_CONFLICT';

/** The case on screen and what to do with the server's answers. */
export interface CaseContextValue {
  readonly c: CaseFile;
  /** The server answered with the case after an action. */
  onFresh(fresh: CaseFile): void;
  /** The case changed under the user: reload it and tell them. */
  onConflict(): void;
}

export const CaseContext = createContext<CaseContextValue | null>(null);

export function useCase(): CaseContextValue {
  const value = useContext(CaseContext);
  if (!value) throw new Error('useCase outside a CaseContext');
  return value;
}

export interface CaseActionApi {
  /** True while a request runs. */
  readonly busy: boolean;
  /** The last failure (for an ErrorAlert); null when none. */
  readonly error: unknown;
  /** Sends the action; resolves true when it was taken. */
  run(path: string, body?: Record<string, unknown>): Promise<boolean>;
  clearError(): void;
}

export function useCaseAction(): CaseActionApi {
  const { c, onFresh, onConflict } = useCase();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = useCallback(
    async (path: string, body: Record<string, unknown> = {}) => {
      setBusy(true);
      setError(null);
      try {
        const answer = await api<{ case: CaseFile }>(
          'POST',
          `/api/cases/${encodeURIComponent(c.id)}/${path}`,
          { ...body, expectedVersion: c.version },
        );
        void message.success(t('desk.action.done'));
        onFresh(answer.case);
        return true;
      } catch (e) {
        // A conflict reloads the case underneath; the form stays open with the server's message,
        // so the user can check the fresh case and send again without retyping.
        if (e instanceof ApiError && e.code === VERSION_CONFLICT) onConflict();
        setError(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [c.id, c.version, message, onFresh, onConflict, t],
  );
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}

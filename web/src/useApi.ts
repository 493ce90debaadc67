import { useCallback, useEffect, useState } from 'react';
import { api } from './api';

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: unknown }
  | { readonly status: 'ok'; readonly data: T };

/** GETs `path` (again whenever it changes); `reload` asks again. Null path: nothing to load. */
export function useApi<T>(path: string | null): Loaded<T> & { reload(): void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    api<T>('GET', path, undefined, { signal: ctrl.signal })
      .then((data) => setState({ status: 'ok', data }))
      .catch((error: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', error });
      });
    return () => ctrl.abort();
  }, [path, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

import { useEffect, useRef } from 'react';
import { useApi, type Loaded } from '../../../useApi';

/**
 * GET `path`, and again whenever the case's version changes (an action, or someone else's), so
 * that what the panel derives from the case — the recommendation, the candidates — stays current
 * without remounting the forms the user may be filling in. While asking again it keeps showing
 * the last answer (labels and outcomes do not flicker back to bare ids), then the new one.
 */
export function useFreshApi<T>(path: string | null, version: number): Loaded<T> {
  const result = useApi<T>(path);
  const seen = useRef(version);
  const last = useRef<{ path: string | null; data: T } | null>(null);
  const { reload } = result;
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    reload();
  }, [version, reload]);
  if (result.status === 'ok') {
    last.current = { path, data: result.data };
    return result;
  }
  if (result.status === 'loading' && last.current && last.current.path === path) {
    return { status: 'ok', data: last.current.data };
  }
  return result;
}

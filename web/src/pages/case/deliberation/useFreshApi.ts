import { useEffect, useRef } from 'react';
import { useApi } from '../../../useApi';

/**
 * GET `path` and again whenever the case's version changes (an action, or someone else's), so
 * that what the panel derives from the case — the recommendation, the candidates — stays current
 * without remounting the forms the user may be filling in.
 */
export function useFreshApi<T>(path: string | null, version: number) {
  const result = useApi<T>(path);
  const seen = useRef(version);
  const { reload } = result;
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    reload();
  }, [version, reload]);
  return result;
}

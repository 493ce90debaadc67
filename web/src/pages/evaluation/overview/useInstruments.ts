/**
 * The instruments a set of campaigns was answered on (GET /api/evaluation/instruments/:id each),
 * for their scales' names and ranges.
 */
import { useEffect, useState } from 'react';
import type { InstrumentView } from '../../../../../src/api/index.js';
import { api } from '../../../api';
import type { Loaded } from '../../../useApi';
import type { InstrumentBody } from './model';

export function useInstruments(ids: readonly string[]): Loaded<InstrumentBody[]> {
  const [state, setState] = useState<Loaded<InstrumentBody[]>>({ status: 'loading' });
  const key = [...new Set(ids)].sort().join('\n');
  useEffect(() => {
    const ctrl = new AbortController();
    const wanted = key === '' ? [] : key.split('\n');
    setState({ status: 'loading' });
    Promise.all(
      wanted.map((id) =>
        api<InstrumentView>(
          'GET',
          `/api/evaluation/instruments/${encodeURIComponent(id)}`,
          undefined,
          {
            signal: ctrl.signal,
          },
        ),
      ),
    )
      .then((views) => setState({ status: 'ok', data: views.map((v) => v.instrument) }))
      .catch((error: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', error });
      });
    return () => ctrl.abort();
  }, [key]);
  return state;
}

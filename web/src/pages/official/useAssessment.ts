/**
 * The live preliminary assessment: POST /api/policy/evaluate with the answers so far, a moment
 * after the applicant stops changing them (debounced), the previous answer shown until the new
 * one arrives and older requests cancelled.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { Evaluation, FactValue } from './types';

export type AssessmentState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly last: Evaluation | null }
  | { readonly status: 'ok'; readonly evaluation: Evaluation }
  | { readonly status: 'error'; readonly error: unknown; readonly last: Evaluation | null };

const DEBOUNCE_MS = 350;

function lastOf(s: AssessmentState): Evaluation | null {
  if (s.status === 'ok') return s.evaluation;
  if (s.status === 'loading' || s.status === 'error') return s.last;
  return null;
}

/** Null packId or date: nothing to assess yet. */
export function useAssessment(
  packId: string | null,
  at: string | null,
  facts: Readonly<Record<string, FactValue>>,
): AssessmentState {
  const [state, setState] = useState<AssessmentState>({ status: 'idle' });
  // The answers as one string, so that a re-render with equal answers does not ask again.
  const key = JSON.stringify(facts);
  useEffect(() => {
    if (packId === null || at === null) {
      setState({ status: 'idle' });
      return;
    }
    const ctrl = new AbortController();
    setState((s) => ({ status: 'loading', last: lastOf(s) }));
    const timer = setTimeout(() => {
      api<{ evaluation: Evaluation }>(
        'POST',
        '/api/policy/evaluate',
        { packId, at, facts: JSON.parse(key) as Record<string, FactValue> },
        { signal: ctrl.signal },
      )
        .then((r) => setState({ status: 'ok', evaluation: r.evaluation }))
        .catch((error: unknown) => {
          if (!ctrl.signal.aborted) setState((s) => ({ status: 'error', error, last: lastOf(s) }));
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [packId, at, key]);
  return state;
}

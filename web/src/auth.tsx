/**
 * The session in the browser: who is signed in (GET /api/auth/me on load), signing in and out.
 * The cookie itself is HttpOnly; the app keeps only the user and the CSRF token in memory.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setOnPasswordChangeRequired, setOnSessionLost } from './api';
import type { LoginOutcome, SecondFactorAnswer, Session, User } from './types';

export type AuthState =
  | { readonly status: 'loading' }
  | { readonly status: 'signedOut'; readonly expired: boolean }
  | {
      readonly status: 'signedIn';
      readonly user: User;
      /** The password must be changed before anything else (the server refuses the rest). */
      readonly passwordChange: Session['passwordChange'];
    };

interface AuthApi {
  readonly state: AuthState;
  /**
   * Checks the password: signs in, or returns the second step (a code, or enrolment) the user must
   * pass first; `adopt` then takes the session that step opens.
   */
  signIn(username: string, password: string): Promise<SecondFactorAnswer | null>;
  adopt(session: Session): void;
  signOut(): Promise<void>;
  /** The password was changed: the session may do anything its roles allow again. */
  passwordChanged(): void;
}

const AuthContext = createContext<AuthApi | undefined>(undefined);

export function AuthProvider({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    const ctrl = new AbortController();
    api<Session>('GET', '/api/auth/me', undefined, { signal: ctrl.signal, quietOn401: true })
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setState({ status: 'signedIn', user: s.user, passwordChange: s.passwordChange });
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        // 401: no session. Any other failure also shows the sign-in page, where trying again works.
        if (!(e instanceof ApiError) || e.status !== 401) console.warn(e);
        setState({ status: 'signedOut', expired: false });
      });
    return () => ctrl.abort();
  }, []);

  useEffect(() => {
    setOnSessionLost(() => {
      setCsrfToken(undefined);
      setState({ status: 'signedOut', expired: true });
    });
    // A password that expires while signed in: the server refuses the next call; change it first.
    setOnPasswordChangeRequired((reason) => {
      setState((s) => (s.status === 'signedIn' ? { ...s, passwordChange: reason } : s));
    });
    return () => {
      setOnSessionLost(undefined);
      setOnPasswordChangeRequired(undefined);
    };
  }, []);

  const adopt = useCallback((s: Session) => {
    setCsrfToken(s.csrfToken);
    setState({ status: 'signedIn', user: s.user, passwordChange: s.passwordChange });
  }, []);

  const passwordChanged = useCallback(() => {
    setState((s) => (s.status === 'signedIn' ? { ...s, passwordChange: null } : s));
  }, []);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const s = await api<LoginOutcome>(
        'POST',
        '/api/auth/login',
        { username, password, client: 'browser' },
        { quietOn401: true },
      );
      if ('secondFactor' in s) return s;
      adopt(s);
      return null;
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    try {
      await api('POST', '/api/auth/logout', undefined, { quietOn401: true });
    } finally {
      setCsrfToken(undefined);
      setState({ status: 'signedOut', expired: false });
    }
  }, []);

  const value = useMemo(
    () => ({ state, signIn, adopt, signOut, passwordChanged }),
    [state, signIn, adopt, signOut, passwordChanged],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user (for pages rendered only when signed in). */
export function useUser(): User {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useUser while not signed in');
  return state.user;
}

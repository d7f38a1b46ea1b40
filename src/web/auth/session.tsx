// Who is signed in. Loads GET /api/v1/me once at start (401 means signed out), keeps the CSRF
// token for the API client, and ends the session in the app when the server says it has ended.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, isApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client.js';
import type { Me } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { useNotice } from '../layout/notice.js';
import { takeEarly } from '../boot/early.js';

export type SessionState =
  | { status: 'loading' }
  /** The server could not be asked (offline, server down); the user may be signed in or not. */
  | { status: 'unavailable' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; me: Me };

export interface Session {
  state: SessionState;
  /** The signed-in user, or null. */
  me: Me | null;
  /** `second`: the code of an authenticator app or a recovery code, when the server asked for one (issue 12). */
  signIn(email: string, password: string, second?: { totp: string } | { recoveryCode: string }): Promise<Me>;
  /** Reads GET /api/v1/me again without leaving the page (after two-step sign-in is turned on). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  /** Takes the Me answered by activation or password reset, which also sign the user in. */
  adopt(me: Me): void;
  /** Asks the server again (after `unavailable`). */
  reload(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const notice = useNotice();
  const t = useT();

  const enter = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ status: 'signed-in', me });
  }, []);
  const leave = useCallback(() => {
    setCsrfToken(null);
    setState({ status: 'signed-out' });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    // On the first try, the answer the first-screen start (web/boot) asked for with the app's code.
    const early = attempt === 0 ? takeEarly<Me>('/api/v1/me') : undefined;
    (early?.promise ?? api.get<Me>('/api/v1/me', { signal: controller.signal, expectUnauthenticated: true }))
      .then((me) => {
        if (!controller.signal.aborted) enter(me);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (isApiError(error) && error.status === 401) leave();
        else setState({ status: 'unavailable' });
      });
    return () => controller.abort();
  }, [attempt, enter, leave]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      leave();
      notice.show(t('session.ended'), '/sign-in');
    });
    return () => setUnauthenticatedHandler(null);
  }, [leave, notice, t]);

  const signIn = useCallback(
    async (email: string, password: string, second?: { totp: string } | { recoveryCode: string }) => {
      const me = await api.post<Me>('/api/v1/session', { email, password, ...second }, { expectUnauthenticated: true });
      enter(me);
      return me;
    },
    [enter],
  );

  const signOut = useCallback(async () => {
    try {
      await api.delete('/api/v1/session', { expectUnauthenticated: true });
    } catch (error) {
      // Already ended on the server: nothing left to end. Anything else, the cookie may still be valid.
      if (!(isApiError(error) && error.status === 401)) throw error;
    }
    leave();
  }, [leave]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const refresh = useCallback(async () => {
    enter(await api.get<Me>('/api/v1/me'));
  }, [enter]);

  const value = useMemo<Session>(
    () => ({ state, me: state.status === 'signed-in' ? state.me : null, signIn, signOut, adopt: enter, reload, refresh }),
    [state, signIn, signOut, enter, reload, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for pages rendered inside <RequireSignIn>. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe outside RequireSignIn');
  return me;
}

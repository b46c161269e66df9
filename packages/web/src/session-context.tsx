import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setUnauthorizedHandler } from './api/api-client';
import { loadSession, saveSession, type Session } from './api/session';

interface SessionState {
  session: Session | null;
  /** True when `/api/v1/admin/session` answered 200 (the console is shown only then). */
  isAdmin: boolean;
  /** Why the last session ended (shown on the sign-in page). */
  endedBecause: string | undefined;
  signIn(session: Session): void;
  signOut(message?: string): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [isAdmin, setIsAdmin] = useState(false);
  const [endedBecause, setEndedBecause] = useState<string | undefined>();

  useEffect(() => {
    // A token refused by any request (expired, revoked, account disabled) → sign-in, saying why.
    // The guarded routes then redirect to sign-in, carrying the reason.
    setUnauthorizedHandler((message) => {
      setEndedBecause(message);
      setSession(null);
      setIsAdmin(false);
    });
  }, []);

  useEffect(() => {
    if (!session) return;
    if (Date.parse(session.expiresAt) <= Date.now()) {
      saveSession(null);
      setEndedBecause('Your session has expired; sign in again.');
      setSession(null);
      return;
    }
    api<{ role: string }>('/admin/session').then(
      () => setIsAdmin(true),
      () => setIsAdmin(false),
    );
  }, [session]);

  const signIn = useCallback((next: Session) => {
    saveSession(next);
    setEndedBecause(undefined);
    setSession(next);
  }, []);

  const signOut = useCallback(async (message?: string) => {
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    saveSession(null);
    setEndedBecause(message ?? 'You are signed out.');
    setSession(null);
    setIsAdmin(false);
  }, []);

  const value = useMemo(
    () => ({ session, isAdmin, endedBecause, signIn, signOut }),
    [session, isAdmin, endedBecause, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api, setUnauthorizedHandler } from './api/api-client';
import { loadSession, saveSession, type Session } from './api/session';

interface SessionState {
  session: Session | null;
  /** True when `/api/v1/admin/session` answered 200 (the console is shown only then). */
  isAdmin: boolean;
  signIn(session: Session): void;
  signOut(message?: string): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [session, setSession] = useState<Session | null>(loadSession);
  const [isAdmin, setIsAdmin] = useState(false);

  useEffect(() => {
    // A token refused by any request (expired, revoked, account disabled) → sign-in, saying why.
    setUnauthorizedHandler((message) => {
      setSession(null);
      setIsAdmin(false);
      navigate('/sign-in', { state: { message } });
    });
  }, [navigate]);

  useEffect(() => {
    if (!session) return;
    if (Date.parse(session.expiresAt) <= Date.now()) {
      saveSession(null);
      setSession(null);
      navigate('/sign-in', { state: { message: 'Your session has expired; sign in again.' } });
      return;
    }
    api<{ role: string }>('/admin/session').then(
      () => setIsAdmin(true),
      () => setIsAdmin(false),
    );
  }, [session, navigate]);

  const signIn = useCallback((next: Session) => {
    saveSession(next);
    setSession(next);
  }, []);

  const signOut = useCallback(
    async (message?: string) => {
      await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
      saveSession(null);
      setSession(null);
      setIsAdmin(false);
      navigate('/sign-in', { state: { message: message ?? 'You are signed out.' } });
    },
    [navigate],
  );

  const value = useMemo(() => ({ session, isAdmin, signIn, signOut }), [session, isAdmin, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

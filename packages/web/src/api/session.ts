/** The bearer token the API issued, kept in localStorage (the API's auth is a bearer token, not a cookie). */
export interface Session {
  token: string;
  expiresAt: string;
  email: string;
}

const KEY = 'looply.session';

export function loadSession(): Session | null {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    return stored && typeof stored.token === 'string' ? stored : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
}

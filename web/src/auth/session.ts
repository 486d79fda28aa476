import { useSyncExternalStore } from 'react';
import { refresh, revokeToken, type CognitoSettings, type Tokens } from './cognito.js';

/**
 * The signed-in user's tokens, kept in sessionStorage (gone when the tab closes) and shared with React
 * through a small store. The API client renews them here when the API answers 401.
 */
export interface Session {
  tokens: Tokens;
  email: string;
  isAdmin: boolean;
  /** Access-token expiry, epoch milliseconds. */
  expiresAt: number;
}

export interface SessionState {
  session: Session | undefined;
  /** Why the user was signed out, shown on the sign-in page. */
  notice: string | undefined;
  /** True when the session expired: after signing in again the user returns to the page they were on. */
  returnToPage: boolean;
}

const storageKey = 'billing.session';

function decodePayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function sessionFromTokens(tokens: Tokens): Session {
  const access = decodePayload(tokens.accessToken);
  const id = decodePayload(tokens.idToken);
  const groups = Array.isArray(access['cognito:groups']) ? (access['cognito:groups'] as unknown[]) : [];
  const exp = typeof access.exp === 'number' ? access.exp * 1000 : 0;
  const email = String(id.email ?? access.username ?? access['cognito:username'] ?? '');
  return { tokens, email, isAdmin: groups.includes('admin'), expiresAt: exp };
}

function load(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(storageKey);
    if (!raw) return undefined;
    const tokens = JSON.parse(raw) as Tokens;
    return tokens.accessToken && tokens.refreshToken ? sessionFromTokens(tokens) : undefined;
  } catch {
    return undefined;
  }
}

let state: SessionState = { session: load(), notice: undefined, returnToPage: true };
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  if (next.session) sessionStorage.setItem(storageKey, JSON.stringify(next.session.tokens));
  else sessionStorage.removeItem(storageKey);
  for (const listener of listeners) listener();
}

export function currentSession(): Session | undefined {
  return state.session;
}

export function useSessionState(): SessionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

export function startSession(tokens: Tokens): Session {
  const session = sessionFromTokens(tokens);
  set({ session, notice: undefined, returnToPage: true });
  return session;
}

/** Signs out. `expired` keeps the page the user was on, to come back to after signing in. */
export function endSession(notice?: string, expired = false): void {
  set({ session: undefined, notice, returnToPage: expired });
}

/** The user's own sign-out: forget the tokens here and revoke the refresh token (best effort). */
export function signOut(settings: CognitoSettings): void {
  const session = state.session;
  endSession('You have signed out.');
  if (session) revokeToken(settings, session.tokens.refreshToken).catch(() => undefined);
}

export const expiredNotice = 'Your session has ended. Please sign in again; you will come back to the page you were on.';

let renewing: Promise<Session | undefined> | undefined;

/**
 * New tokens from the refresh token. Concurrent callers share one request. Resolves undefined (and
 * signs out, keeping a notice for the sign-in page) when the refresh token is no longer accepted.
 */
export function renewSession(settings: CognitoSettings): Promise<Session | undefined> {
  const session = state.session;
  if (!session) return Promise.resolve(undefined);
  renewing ??= refresh(settings, session.tokens.refreshToken)
    .then((tokens) => startSession(tokens))
    .catch(() => {
      endSession(expiredNotice, true);
      return undefined;
    })
    .finally(() => {
      renewing = undefined;
    });
  return renewing;
}

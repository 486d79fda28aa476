import { currentSession, endSession, expiredNotice, renewSession } from '../auth/session.js';
import type { AppConfig } from '../config.js';
import { announceWrite } from '../clock-moved.js';
import { learnServerTime } from '../server-clock.js';
import { ApiError, apiErrorFrom } from './api-error.js';

/**
 * Calls the billing API with the signed-in user's access token. A token about to expire is renewed
 * first; a 401 is answered by renewing once and retrying; if that fails the session ends and the app
 * shows the sign-in page, which brings the user back to the same page afterwards.
 */
let settings: AppConfig | undefined;

export function configureApi(config: AppConfig): void {
  settings = config;
}

function config(): AppConfig {
  if (!settings) throw new Error('configureApi() was not called');
  return settings;
}

async function token(): Promise<string | undefined> {
  const session = currentSession();
  if (session && session.expiresAt && session.expiresAt - Date.now() < 30_000) {
    return (await renewSession(config().cognito))?.tokens.accessToken;
  }
  return session?.tokens.accessToken;
}

async function send(path: string, init: RequestInit, accessToken: string | undefined): Promise<Response> {
  const headers = new Headers(init.headers);
  if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
  try {
    return await fetch(`${config().apiBaseUrl}${path}`, { ...init, headers });
  } catch {
    throw apiErrorFrom(0, undefined);
  }
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response = await send(path, init, await token());
  if (response.status === 401 && currentSession()) {
    const renewed = await renewSession(config().cognito);
    if (renewed) response = await send(path, init, renewed.tokens.accessToken);
    if (response.status === 401) {
      endSession(expiredNotice, true);
    }
  }
  learnServerTime(response);
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw apiErrorFrom(response.status, body);
  }
  if (init.method && init.method !== 'GET') announceWrite();
  return response;
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await request(path, init);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, 'bad_response', 'The billing service sent an unexpected answer. Please try again.');
  }
}

export const api = {
  get: <T>(path: string) => json<T>(path, { headers: { Accept: 'application/json' } }),
  post: <T>(path: string, body?: unknown) =>
    json<T>(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  patch: <T>(path: string, body: unknown) =>
    json<T>(path, {
      method: 'PATCH',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  /** DELETE, answered 204 with no body. */
  delete: async (path: string): Promise<void> => {
    await request(path, { method: 'DELETE', headers: { Accept: 'application/json' } });
  },
  blob: async (path: string, accept: string) => (await request(path, { headers: { Accept: accept } })).blob(),
  /** A file the API offers as an attachment: its bytes and the name its Content-Disposition gives, if any. */
  download: async (path: string, accept: string): Promise<{ blob: Blob; fileName: string | undefined }> => {
    const response = await request(path, { headers: { Accept: accept } });
    return { blob: await response.blob(), fileName: attachmentName(response.headers.get('Content-Disposition')) };
  },
};

/** `attachment; filename="statement.csv"` → `statement.csv`; only a plain name, never a path. */
function attachmentName(header: string | null): string | undefined {
  const name = /filename="([^"\\/]+)"/i.exec(header ?? '')?.[1];
  return name && !name.startsWith('.') ? name : undefined;
}

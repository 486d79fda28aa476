import { learnServerTime } from './server-clock.js';

/**
 * Deployment settings, read from /config.json at start so that one build serves every deployment
 * (local runtime, staging, production).
 */
export interface AppConfig {
  /** '' means the API is on the same origin as the app. */
  apiBaseUrl: string;
  region: string;
  cognito: { endpoint: string; userPoolId: string; clientId: string };
  /** Set by the local runtime: 'local', with the page that shows the emails it "sent". */
  environment?: string;
  mailViewerUrl?: string;
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  learnServerTime(response);
  const raw = (await response.json()) as Partial<AppConfig>;
  if (typeof raw.apiBaseUrl !== 'string' || !raw.cognito?.endpoint || !raw.cognito.clientId) {
    throw new Error('config.json lacks apiBaseUrl or cognito settings');
  }
  return {
    apiBaseUrl: raw.apiBaseUrl.replace(/\/+$/, ''),
    region: raw.region ?? '',
    cognito: raw.cognito,
    ...(raw.environment ? { environment: raw.environment } : {}),
    ...(raw.mailViewerUrl ? { mailViewerUrl: raw.mailViewerUrl } : {}),
  };
}

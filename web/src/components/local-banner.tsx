import type { AppConfig } from '../config.js';

/** On the local runtime only: says that nothing is real and where the "sent" emails can be read. */
export function LocalBanner({ config }: { config: AppConfig }) {
  if (config.environment !== 'local') return null;
  return (
    <p className="local-banner">
      Local system: no real emails are sent and no money moves.
      {config.mailViewerUrl ? (
        <>
          {' '}
          Codes and invitations are in the{' '}
          <a href={config.mailViewerUrl} target="_blank" rel="noreferrer">
            mail viewer
          </a>
          .
        </>
      ) : null}
    </p>
  );
}

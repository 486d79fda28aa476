import { useState } from 'react';
import { api } from '../api/client.js';
import { describeError } from '../api/api-error.js';

/**
 * Downloads a file the API makes (an invoice PDF, a CSV statement). The API needs the Authorization
 * header, so a plain link cannot do it: fetch the bytes, hand them to the browser through an object
 * URL, then release it. The file takes the name the API gives it, else `fileName`.
 */
export function DownloadFile({
  path,
  accept,
  fileName,
  label,
  what,
}: {
  path: string;
  accept: string;
  fileName: string;
  /** The button, e.g. "Download PDF". */
  label: string;
  /** What is being made, for the progress line: "the PDF" → "Preparing the PDF…". */
  what: string;
}) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean }>();

  const download = async () => {
    setBusy(true);
    setStatus({ text: `Preparing ${what}…`, error: false });
    try {
      const file = await api.download(path, accept);
      const name = file.fileName ?? fileName;
      const url = URL.createObjectURL(file.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus({ text: `Downloaded ${name}.`, error: false });
    } catch (error) {
      setStatus({ text: describeError(error), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="download">
      <button type="button" className="button button-secondary" onClick={download} disabled={busy}>
        {busy ? 'Preparing…' : label}
      </button>
      <span role="status" aria-live="polite" className={status?.error ? 'download-status error-text' : 'download-status'}>
        {status?.text}
      </span>
    </div>
  );
}

import { useState } from 'react';
import { api } from '../api/client.js';
import { describeError } from '../api/api-error.js';

/**
 * Downloads an invoice PDF. The API needs the Authorization header, so a plain link cannot do it:
 * fetch the bytes, hand them to the browser through an object URL, then release it.
 */
export function DownloadPdf({ path, fileName }: { path: string; fileName: string }) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean }>();

  const download = async () => {
    setBusy(true);
    setStatus({ text: 'Preparing the PDF…', error: false });
    try {
      const blob = await api.blob(path, 'application/pdf');
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus({ text: `Downloaded ${fileName}.`, error: false });
    } catch (error) {
      setStatus({ text: describeError(error), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="download">
      <button type="button" className="button button-secondary" onClick={download} disabled={busy}>
        {busy ? 'Preparing PDF…' : 'Download PDF'}
      </button>
      <span role="status" aria-live="polite" className={status?.error ? 'download-status error-text' : 'download-status'}>
        {status?.text}
      </span>
    </div>
  );
}

import { useState, type ChangeEvent } from 'react';
import { api } from '../../api/client.js';
import { ApiError, describeError } from '../../api/api-error.js';
import type { ImportInvitations, ImportJob, ImportRefusal, StartImportRequest } from '../../api/types.js';
import { FormError } from '../../components/form-error.js';
import { Page } from '../../components/page.js';
import { StatusMessage } from '../../components/status.js';

type Problem = ImportRefusal['problems'][number];

/**
 * Staff import accounts from a previous billing system: choose the file (CSV or JSON, as
 * examples/import/README.md describes), see every problem with its line if it is refused, or watch
 * the progress bar while it is written; then send the imported customers their invitations.
 */
export function AdminImportPage() {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string>();
  const [job, setJob] = useState<ImportJob>();
  const [busy, setBusy] = useState(false);
  const [invited, setInvited] = useState<number>();

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblems([]);
    setError(undefined);
    setJob(undefined);
    setInvited(undefined);
    setBusy(true);
    try {
      const format = file.name.toLowerCase().endsWith('.json') ? 'json' : 'csv';
      let current = await api.post<ImportJob>('/v1/admin/import', { format, content: await file.text() } satisfies StartImportRequest);
      setJob(current);
      while (current.status !== 'done') {
        current = await api.post<ImportJob>(`/v1/admin/import/${encodeURIComponent(current.id)}/run`);
        setJob(current);
      }
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'import_refused') setProblems((failure.body as ImportRefusal).problems);
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const sendInvitations = async () => {
    if (!job) return;
    setBusy(true);
    setError(undefined);
    try {
      let total = 0;
      for (let more = true; more;) {
        const result = await api.post<ImportInvitations>(`/v1/admin/import/${encodeURIComponent(job.id)}/invitations`);
        total += result.sent;
        setInvited(total);
        more = result.remaining;
      }
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const done = job?.status === 'done';
  return (
    <Page title="Import accounts">
      <div className="card">
        <p>
          Import customers, their hosting services and unpaid invoices from your previous billing system. The whole file is checked first:
          if any row is wrong, nothing is imported. Importing the same file again changes nothing.
        </p>
        <div className="field">
          <label htmlFor="import-file">CSV or JSON file</label>
          <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" disabled={busy} onChange={upload} />
        </div>
      </div>
      <FormError message={error} />
      {problems.length > 0 ? (
        <section className="card import-errors" aria-label="Problems in the file">
          <h2>Fix these rows and upload the file again</h2>
          <ul>
            {problems.map((problem, i) => (
              <li key={i}>
                <strong>{problem.line !== undefined ? `Line ${problem.line}` : problem.where}:</strong> {problem.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {job ? (
        <section className="card section" aria-label="Import progress">
          <label htmlFor="import-progress">{done ? 'Import finished' : 'Importing…'}</label>
          <progress id="import-progress" className="import-progress" max={job.customersTotal} value={job.customersDone} />
          <p>
            {job.customersDone} of {job.customersTotal} customers ({job.rows} rows).
          </p>
          <StatusMessage
            message={done ? `Imported ${job.imported} customer${job.imported === 1 ? '' : 's'}${job.skipped ? `; ${job.skipped} skipped (already customers here)` : ''}. They have not been emailed yet.` : undefined}
          />
          {done ? (
            <button type="button" className="button button-primary" disabled={busy} onClick={sendInvitations}>
              Send invitations
            </button>
          ) : null}
          {invited !== undefined ? <p role="status">Invitations sent: {invited}.</p> : null}
        </section>
      ) : null}
    </Page>
  );
}

import { DownloadFile } from './download-file.js';

/** "Download PDF" for an invoice: `path` is its PDF route, `fileName` the name to fall back on. */
export function DownloadPdf({ path, fileName }: { path: string; fileName: string }) {
  return <DownloadFile path={path} accept="application/pdf" fileName={fileName} label="Download PDF" what="the PDF" />;
}

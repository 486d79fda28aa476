import { deflateSync, inflateSync } from 'node:zlib';

/**
 * Stands in, in the Lambda bundles, for `pako`, the JavaScript zlib that pdf-lib compresses every
 * content stream and embedded font with (lib/billing-function.ts aliases it here). Node's own zlib
 * writes the same format at the same default level (6), natively: pako, run cold by a fresh Lambda's
 * JIT, was the largest single cost of rendering an invoice (about 90 ms).
 */
const pako = {
  deflate: (data: Uint8Array, options?: { level?: number }): Uint8Array =>
    deflateSync(data, options?.level === undefined ? {} : { level: options.level }),
  inflate: (data: Uint8Array): Uint8Array => inflateSync(data),
};

export default pako;

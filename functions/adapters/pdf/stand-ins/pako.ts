import { deflateSync, inflateSync } from 'node:zlib';

/**
 * Stands in, in the Lambda bundles, for `pako`, the JavaScript zlib that pdf-lib compresses every
 * content stream and embedded font with (lib/billing-function.ts aliases it here). Node's own zlib
 * gives the same bytes (deflate level 6 by default in both) without a cold JIT: pako was the largest
 * single cost of rendering an invoice in a fresh Lambda.
 */
const pako = {
  deflate: (data: Uint8Array, options?: { level?: number }): Uint8Array =>
    deflateSync(data, options?.level === undefined ? {} : { level: options.level as 0 }),
  inflate: (data: Uint8Array): Uint8Array => inflateSync(data),
};

export default pako;

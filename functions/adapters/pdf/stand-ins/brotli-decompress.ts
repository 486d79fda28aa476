import { brotliDecompressSync } from 'node:zlib';

/**
 * Stands in, in the Lambda bundles, for the `brotli` package's decoder that fontkit imports to read
 * WOFF2 fonts (lib/billing-function.ts aliases it here). Node has Brotli built in; the package is 475 KB
 * of JavaScript that every cold start of the PDF function would otherwise parse and run (~25 ms).
 * Same contract: compressed bytes in, decompressed bytes out.
 */
export default function decompress(compressed: Uint8Array): Uint8Array {
  return brotliDecompressSync(compressed);
}

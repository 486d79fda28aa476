import { fileURLToPath } from 'node:url';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * Modules esbuild puts in place of others when it bundles a Lambda function, to shorten its cold
 * start (measured in BENCHMARKS.md). Given to esbuild as `alias` by lib/billing-function.ts and by
 * bench/lambda-bench.ts, which must bundle alike. The paths are absolute, for local bundling
 * (esbuild installed, as here); Docker bundling would not see them.
 *
 * - `node:http`, `node:process`, `node:fs` and `node:util` (with or without `node:`) are reached
 *   through CommonJS (`process.getBuiltinModule`, in ./builtins/). An ES-module import of a Node
 *   built-in makes Node build a facade that reads every export once, running lazy getters:
 *   node:http's load undici (Node's fetch and WebSocket), about 50 ms on every cold start of a
 *   function that imports node:http (the AWS SDK's HTTP handler does), for nothing; node:process's
 *   open stdin, stdout and stderr (6-10 ms); node:fs's load its streams (about 3 ms), node:util's
 *   about 3 ms. Other built-ins cost about a millisecond or less this way. An alias also rewrites
 *   subpaths (`node:fs/promises` becomes ./builtins/fs/promises.js), so each subpath the bundles
 *   import needs its file there.
 * - `@aws-sdk/credential-provider-node`, the SDK's default credential chain (environment, ini
 *   files, SSO, STS web identity, container and instance metadata; with its STS and SSO clients,
 *   about 130 KiB minified), is imported by every SDK client's runtime configuration but never
 *   called: the functions give every client its credentials from the environment
 *   (functions/adapters/aws/aws-client-options.ts). In its place: the environment provider alone.
 * - `pako`, the JavaScript zlib that pdf-lib inflates its standard fonts' metrics with on every cold
 *   start of the PDF function (about 45 ms), is Node's native zlib (./pako.cjs): 45 KiB smaller and
 *   about 45 ms sooner.
 */
export const bundlingAliases: Readonly<Record<string, string>> = {
  ...Object.fromEntries(['http', 'process', 'fs', 'util'].flatMap((name) => [
    [name, here(`./builtins/${name}`)],
    [`node:${name}`, here(`./builtins/${name}`)],
  ])),
  '@aws-sdk/credential-provider-node': here('./credential-provider-env-only.ts'),
  pako: here('./pako.cjs'),
  // The PDF function's (each explained in the file it points to): fontkit's JavaScript Brotli decoder
  // gives way to Node's own; pdf-lib's standard-font metrics and PNG codec, which invoices never use,
  // to stand-ins that refuse.
  'brotli/decompress.js': here('../../functions/adapters/pdf/stand-ins/brotli-decompress.ts'),
  '@pdf-lib/standard-fonts': here('../../functions/adapters/pdf/stand-ins/standard-fonts.ts'),
  '@pdf-lib/upng': here('../../functions/adapters/pdf/stand-ins/upng.ts'),
};

// pako for a function bundle, on Node's own zlib: see lib/bundling/aliases.ts. pdf-lib calls only
// inflate (the standard fonts' metrics) and deflate (page content streams), on Uint8Arrays.
'use strict';

const zlib = process.getBuiltinModule('node:zlib');
const bytes = (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

module.exports = {
  inflate: (data) => bytes(zlib.inflateSync(data)),
  deflate: (data, options) => bytes(zlib.deflateSync(data, options?.level === undefined ? undefined : { level: options.level })),
};

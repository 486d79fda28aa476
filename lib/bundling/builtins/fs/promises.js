// node:fs/promises for a function bundle, reached through CommonJS: see lib/bundling/aliases.ts.
module.exports = process.getBuiltinModule('node:fs/promises');

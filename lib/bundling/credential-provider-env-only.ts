// @aws-sdk/credential-provider-node for a function bundle: see lib/bundling/aliases.ts.
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';

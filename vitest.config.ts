import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Three projects so that `vitest run test/unit` does not start Java:
// - unit:        pure TypeScript, in-memory ports; no services.
// - infra:       CDK assertions and cdk-nag; synth bundles with esbuild, so it gets more time.
// - integration: everything else under test/ (integration/, e2e/, ...), with ONE in-memory DynamoDB
//                Local for the whole run (test/support/dynamodb.ts); each file makes its own table.
// A project's globalSetup only runs when that project has test files in the run.
export default defineConfig({
  // Vite rewrites `import(`../x/${name}.js`)` into a lookup of the files it can see when it
  // transforms the module, which finds no `.js` files beside our `.ts` sources ("Unknown variable
  // dynamic import"). Server-side code runs on Node, so keep Node's own dynamic import there.
  build: { dynamicImportVarsOptions: { exclude: ['local/**', 'functions/**', 'bench/**', 'scripts/**'] } },
  test: {
    // No root `include`: `extends: true` would concatenate it into every project's own list.
    // Forks: separate processes, so the child services and native modules of one file cannot
    // wedge another. Integration tests mostly wait on DynamoDB Local and the other local services,
    // so two workers are worth it even on a 2-core machine.
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**', 'test/infra/**', '**/node_modules/**'],
          globalSetup: ['test/support/dynamodb.ts'],
          setupFiles: ['test/support/card-number-log-scan.ts'],
        },
      },
    ],
  },
});

/**
 * Every property in this folder runs with one seed, printed at start, so that a failure seen in CI
 * replays exactly: `FC_SEED=<seed> npx vitest run test/unit/domain`.
 */
export const seed = Number(process.env['FC_SEED'] ?? Date.now());
console.log(`fast-check seed: ${seed} (replay with FC_SEED=${seed})`);

export const runs = (numRuns = 300) => ({ seed, numRuns });

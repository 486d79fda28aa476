import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { apiTypesFile, apiTypesSource } from '../../../scripts/generate-api-types.js';

describe('The web app’s API types', () => {
  it('are generated from the API’s current OpenAPI document', async () => {
    const committed = await readFile(apiTypesFile, 'utf8').catch(() => '');
    const expected = await apiTypesSource();
    expect(committed === expected, 'web/src/api/schema.d.ts is out of date: run npm run generate:api-types').toBe(true);
  });
});

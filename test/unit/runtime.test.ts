import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs the suite on Node 24, the version pinned by the `node` devDependency and the Lambda runtime', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(major).toBe(24);
  });
});

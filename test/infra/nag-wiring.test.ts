import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { configureApp } from '../../lib/billing-app.js';
import { cdkJsonContext, requiredSettings } from './synth.js';

describe('the app that bin/app.ts builds', () => {
  it('fails synth on an AwsSolutions finding nobody acknowledged, and has none of its own', () => {
    // In process and without bundling; the stack beside the billing stack breaks two rules.
    const app = new App({
      context: { ...cdkJsonContext(), ...requiredSettings, 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:appMode': 'inmemory' },
      outdir: mkdtempSync(join(tmpdir(), 'billing-nag-probe-')),
    });
    configureApp(app);
    new Bucket(new Stack(app, 'NagProbe'), 'UnloggedBucket');

    let failure: unknown;
    try {
      app.synth();
    } catch (error) {
      failure = error;
    }
    expect(failure, 'synth should fail').toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain('AwsSolutions-S1');
    expect(message).toContain('NagProbe/UnloggedBucket');
    expect(message).not.toContain('HostingBilling/');
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfBundleFiles } from '../../functions/adapters/pdf/bundle-files.js';
import { routes } from '../../functions/handlers/routes.js';
import { projectRoot, requiredSettingArgs } from './synth.js';

/**
 * `npx cdk synth` exactly as a deployer runs it: the real bin/app.ts and cdk.json, esbuild bundling
 * of every handler, and cdk-nag as a validation plugin, on a machine with no AWS credentials.
 */
let outDir: string;
let synth: Run;
let mistyped: Run;

interface Run { status: number | null; stderr: string; error?: Error }

function withoutAws(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('CDK_')),
  );
  const nowhere = join(tmpdir(), 'billing-no-aws-config');
  return {
    ...clean,
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    AWS_EC2_METADATA_DISABLED: 'true',
    CDK_DISABLE_VERSION_CHECK: 'true',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
}

/** `npx cdk synth <args>` in the project, without AWS credentials. */
function cdkSynth(args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['cdk', 'synth', '--quiet', '--no-notices', ...args], {
      cwd: projectRoot,
      env: withoutAws(process.env),
      timeout: timeoutMs,
    });
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => resolve({ status: null, stderr, error }));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

/** The functions beside the API's, by their description, and whether they carry the invoice fonts. */
const automationFunctions: [string, boolean][] = [
  ['Outbox items: billing emails, invoice schedules, events and card fees', true],
  ['Invoice schedules: reminders, due-date charges and their retries', false],
  ['SES bounces, complaints and deliveries, noted on the customers', false],
];

/** Bundling every handler with esbuild, one after another: a few minutes on a busy 2-core machine. */
const SYNTH_TIMEOUT_MS = 400_000;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'billing-cdk-out-'));
  // The mistyped run fails before bundling, so it costs little beside the real one.
  const withTypo = requiredSettingArgs.map((arg) => (arg.startsWith('sellerEmail=') ? 'sellerEmail=billing@@acme-hosting.net' : arg));
  [synth, mistyped] = await Promise.all([
    cdkSynth(['--output', outDir, ...requiredSettingArgs], SYNTH_TIMEOUT_MS),
    cdkSynth(['--output', join(outDir, 'typo'), ...withTypo], SYNTH_TIMEOUT_MS),
  ]);
}, SYNTH_TIMEOUT_MS + 10_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

interface CfnResource {
  Type: string;
  Properties: { Description?: string };
  Metadata?: Record<string, any>;
}

function template(): { Resources: Record<string, CfnResource> } {
  return JSON.parse(readFileSync(join(outDir, 'HostingBilling.template.json'), 'utf8'));
}

describe('npx cdk synth', () => {
  it('succeeds offline without AWS credentials', () => {
    expect(synth.error, String(synth.error)).toBeUndefined();
    expect(synth.status, synth.stderr).toBe(0);
    expect(existsSync(join(outDir, 'HostingBilling.template.json'))).toBe(true);
  });

  it('leaves no AwsSolutions error or warning in the validation report', () => {
    // The report lists only plugins with findings; nag-wiring.test.ts shows that the plugin runs.
    const report = JSON.parse(readFileSync(join(outDir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; violations: { ruleName: string; severity: string }[] }[];
    };
    const findings = report.pluginReports
      .filter((r) => r.pluginName === 'AwsSolutions')
      .flatMap((r) => r.violations.map((v) => `${v.severity} ${v.ruleName}`));
    expect(findings).toEqual([]);
    expect(synth.stderr).not.toMatch(/AwsSolutions-/);
  });

  it("bundles every route's handler and the automation's as an ES module that Node 24 loads and that exports handler", () => {
    const resources = template().Resources;
    const descriptions = [...routes.map((route) => `${route.method} ${route.path}`), ...automationFunctions.map(([start]) => start)];
    const bundles = descriptions.map((description) => {
      const fn = Object.values(resources).find(
        (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === description,
      );
      expect(fn, description).toBeDefined();
      const assetDir = join(outDir, fn!.Metadata!['aws:asset:path']!);
      expect(existsSync(join(assetDir, 'index.mjs')), `${description} index.mjs`).toBe(true);
      expect(existsSync(join(assetDir, 'index.mjs.map')), `${description} source map`).toBe(true);
      return join(assetDir, 'index.mjs');
    });

    // A fresh process, as Lambda would start one; the environment is what the stack sets.
    const probe = `
      const results = {};
      for (const file of JSON.parse(process.argv[1])) {
        try { results[file] = typeof (await import(file)).handler; }
        catch (error) { results[file] = 'failed: ' + error.message; }
      }
      console.log(JSON.stringify({ node: process.versions.node, results }));`;
    const run = spawnSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', probe, JSON.stringify(bundles)], {
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'eu-west-1',
        TABLE_NAME: 'billing',
        USER_POOL_ID: 'eu-west-1_example',
        SELLER_NAME: 'Test Hosting Ltd',
        SELLER_ADDRESS: '',
        SELLER_EMAIL: 'billing@acme-hosting.net',
        POWERTOOLS_SERVICE_NAME: 'billing',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const { node, results } = JSON.parse(run.stdout) as { node: string; results: Record<string, string> };
    expect(node.split('.')[0]).toBe('24');
    expect(Object.values(results)).toEqual(bundles.map(() => 'function'));
  });

  it('puts the invoice fonts into the bundles of the PDF functions (the customer’s and staff’s), and of no other', () => {
    const resources = template().Resources;
    for (const route of routes) {
      const fn = Object.values(resources).find(
        (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === `${route.method} ${route.path}`,
      )!;
      const assetDir = join(outDir, fn.Metadata!['aws:asset:path']!);
      const pdf = (route.needs as readonly string[]).includes('invoiceFonts');
      expect(pdf, route.handler).toBe(route.handler === 'get-invoice-pdf' || route.handler === 'admin-get-invoice-pdf');
      expect(existsSync(join(assetDir, 'fonts')), route.handler).toBe(pdf);
      if (pdf) {
        for (const [target, source] of Object.entries(pdfBundleFiles())) {
          expect(readFileSync(join(assetDir, target)).equals(readFileSync(source)), target).toBe(true);
        }
      }
    }    // The outbox consumer attaches the invoice PDF to the issue email.
    for (const [start, fonts] of automationFunctions) {
      const fn = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === start)!;
      const assetDir = join(outDir, fn.Metadata!['aws:asset:path']!);
      expect(existsSync(join(assetDir, 'fonts')), start).toBe(fonts);
      if (fonts) {
        for (const [target, source] of Object.entries(pdfBundleFiles())) {
          expect(readFileSync(join(assetDir, target)).equals(readFileSync(source)), target).toBe(true);
        }
      }
    }
  });

  it('writes each acknowledgement and its reason into the template metadata', () => {
    const distribution = Object.values(template().Resources).find((r) => r.Type === 'AWS::CloudFront::Distribution');
    const acknowledged = (distribution!.Metadata!.cdk_nag.rules_to_suppress as { id: string; reason: string }[]).map((r) => r.id);
    expect(acknowledged.sort()).toEqual(['AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4']);
  });
});

describe('npx cdk synth with a mistyped setting', () => {
  it('fails before building anything, naming the setting and how to pass it', () => {
    expect(mistyped.error).toBeUndefined();
    expect(mistyped.status).not.toBe(0);
    expect(mistyped.stderr).toContain('sellerEmail must be an email address');
    expect(mistyped.stderr).toContain('-c sellerEmail=');
    expect(existsSync(join(outDir, 'typo', 'HostingBilling.template.json'))).toBe(false);
  });
});

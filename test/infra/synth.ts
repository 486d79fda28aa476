import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BillingStack, type BillingStackProps } from '../../lib/billing-stack.js';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The same feature flags `cdk synth` uses, so the templates under test are the deployed ones. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** A stand-in for `vite build`: an index.html, a hashed bundle under assets/, a file at the root. */
export function fakeWebBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'billing-web-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/app-4f2a.js"></script>');
  writeFileSync(join(dir, 'assets', 'app-4f2a.js'), 'console.log("app")');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

export const seller = { name: 'Test Hosting Ltd', address: '1 Test Street\nTestville', email: 'billing@test.example' };

/**
 * The settings `cdk synth` requires (lib/settings.ts), as context. Reserved example domains are
 * refused there as placeholders, so this address is on an ordinary-looking domain; nothing is sent.
 */
export const requiredSettings = {
  sellerName: 'Test Hosting Ltd',
  sellerAddress: '1 Test Street\\nTestville',
  sellerEmail: 'billing@acme-hosting.net',
} as const;

/** Those settings as `cdk` command-line arguments. */
export const requiredSettingArgs = Object.entries(requiredSettings).flatMap(([key, value]) => ['-c', `${key}=${value}`]);

export interface Synthesized {
  readonly app: App;
  readonly stacks: Record<string, BillingStack>;
  readonly templates: Record<string, Template>;
}

/**
 * Builds one app holding a stack per variant and synthesizes it once. Lambda bundling is skipped
 * here (the `aws:cdk:bundling-stacks` context): these tests read templates; test/infra/cdk-synth.test.ts
 * bundles for real through the CLI.
 */
export function synthesize(variants: Record<string, Omit<BillingStackProps, 'seller'>>): Synthesized {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  const stacks: Record<string, BillingStack> = {};
  for (const [name, props] of Object.entries(variants)) {
    stacks[name] = new BillingStack(app, name, { seller, ...props });
  }
  const assembly = app.synth();
  const templates: Record<string, Template> = {};
  for (const name of Object.keys(variants)) {
    templates[name] = Template.fromJSON(assembly.getStackByName(name).template as Record<string, unknown>);
  }
  return { app, stacks, templates };
}

/** Every acknowledgement recorded with `Validations.of(x).acknowledge`, with where it was made. */
export function acknowledgements(app: App): { path: string; id: string; reason: string }[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

type Json = unknown;

/**
 * Renders a CloudFormation value as text, tokens as `${Ref}` / `${Res.Attr}`, so a test can read a
 * joined string such as the CSP header.
 */
export function renderCfn(value: Json): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, Json>;
    if ('Fn::Join' in obj) {
      const [sep, parts] = obj['Fn::Join'] as [string, Json[]];
      return parts.map(renderCfn).join(sep);
    }
    if ('Ref' in obj) return `\${${String(obj.Ref)}}`;
    if ('Fn::GetAtt' in obj) return `\${${(obj['Fn::GetAtt'] as string[]).join('.')}}`;
    if ('Fn::Sub' in obj) return String(obj['Fn::Sub']);
  }
  return JSON.stringify(value);
}

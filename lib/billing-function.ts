import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BillingTable } from './data.js';

/** Where package-lock.json lives: the bundler resolves dependencies from here. */
export const projectRoot = fileURLToPath(new URL('../', import.meta.url));

/**
 * ESM output still meets CommonJS inside some dependencies (aws-lite and parts of stripe call `require`).
 * esbuild's ESM bundle has no `require`, so the banner defines one from `import.meta.url`.
 */
const requireShim =
  "import { createRequire as __billingCreateRequire } from 'node:module';" +
  'const require = __billingCreateRequire(import.meta.url);';

/**
 * Module replacements in every bundle (only the PDF function imports these modules), each explained in
 * the file it points to: the JavaScript ports of zlib and Brotli that pdf-lib and fontkit import give
 * way to Node's own; pdf-lib's standard-font metrics and PNG codec, which invoices never use, to
 * stand-ins that refuse. Together about 100 ms of the PDF function's cold start.
 */
export const bundleAliases: Readonly<Record<string, string>> = Object.fromEntries(Object.entries({
  'brotli/decompress.js': 'brotli-decompress.ts',
  pako: 'pako.ts',
  '@pdf-lib/standard-fonts': 'standard-fonts.ts',
  '@pdf-lib/upng': 'upng.ts',
}).map(([module, file]) => [module, `${projectRoot}functions/adapters/pdf/stand-ins/${file}`]));

export interface BillingFunctionProps {
  /** Absolute path of the TypeScript entry file; it exports `handler`. */
  readonly entry: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly description?: string;
  /** @default RetentionDays.THREE_MONTHS */
  readonly logRetention?: RetentionDays;
  /** Active X-Ray tracing. @default false */
  readonly tracing?: boolean;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** Files copied into the bundle: path inside the bundle folder → absolute source path. @default none */
  readonly files?: Readonly<Record<string, string>>;
}

export type TableAccess = 'RO' | 'RW';

/** Bundling hooks that copy files into the bundle folder once esbuild has written it. */
function copyInto(files: Readonly<Record<string, string>>) {
  return {
    beforeBundling: (): string[] => [],
    beforeInstall: (): string[] => [],
    afterBundling: (_inputDir: string, outputDir: string): string[] => Object.entries(files).flatMap(([target, source]) => {
      const destination = path.join(outputDir, target);
      return [`mkdir -p "${path.dirname(destination)}"`, `cp "${source}" "${destination}"`];
    }),
  };
}

/**
 * A Node 24 arm64 Lambda function with the project's defaults: bundled by the local esbuild as
 * minified ESM with source maps, its own log group with a retention, and a role that holds only
 * what `bind*` calls add (no AWS managed policy: the role may write to its own log group and nothing
 * else until a grant says so).
 */
export class BillingFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: BillingFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description ?? `Runs ${id}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: 'billing',
        NODE_OPTIONS: '--enable-source-maps',
      },
      projectRoot,
      depsLockFilePath: `${projectRoot}package-lock.json`,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        banner: requireShim,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // The SDK is bundled rather than taken from the runtime, so the version that runs in Lambda is
        // the one in package-lock.json that the tests ran against, and the bundle is self-contained.
        bundleAwsSDK: true,
        esbuildArgs: Object.fromEntries(Object.entries(bundleAliases).map(([from, to]) => [`--alias:${from}`, to])),
        ...(props.files ? { commandHooks: copyInto(props.files) } : {}),
      },
    });

    if (props.tracing) {
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions.',
      });
    }
  }

  /** Lets the function read the table and its indexes, or also write items when access is `RW`. */
  bindTable(table: BillingTable, access: TableAccess): this {
    table.grantItems(this.role, access);
    return this;
  }
}

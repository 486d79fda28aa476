import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TableAccess } from '../functions/handlers/routes.js';
import type { Auth } from './auth.js';
import { bundlingAliases } from './bundling/aliases.js';
import type { BillingTable } from './data.js';

/** Every function's memory, in MB (the cost model of `npm run bench` prices GB-seconds at this size). */
export const FUNCTION_MEMORY_MB = 1024;

/** Where package-lock.json lives: the bundler resolves dependencies from here. */
export const projectRoot = fileURLToPath(new URL('../', import.meta.url));

/**
 * ESM output may still meet CommonJS inside a dependency that calls `require` for a Node built-in.
 * esbuild's ESM bundle has no `require`, so the banner defines one from `import.meta.url`.
 */
const requireShim =
  "import { createRequire as __billingCreateRequire } from 'node:module';" +
  'const require = __billingCreateRequire(import.meta.url);';

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
      memorySize: FUNCTION_MEMORY_MB,
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
        // Modules put in place of others for a shorter cold start: see ./bundling/aliases.ts.
        esbuildArgs: { '--alias': Object.entries(bundlingAliases).map(([from, to]) => `${from}=${to}`) },
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

  /**
   * Lets the function read the table and query its indexes, or also write items when access is
   * `write`, and tells it the table's name (TABLE_NAME). `none` does neither.
   */
  bindTable(table: BillingTable, access: TableAccess): this {
    if (access === 'none') return this;
    table.grantItems(this.role, access);
    this.function.addEnvironment('TABLE_NAME', table.tableName);
    return this;
  }

  /** Lets the function read a Secrets Manager secret and tells it where it is, in `variable`. */
  bindSecret(variable: string, secret: ISecret): this {
    secret.grantRead(this.role);
    this.function.addEnvironment(variable, secret.secretArn);
    return this;
  }

  /**
   * Lets the function manage the user pool's users (`manage`: Auth.grantManageUsers), only send an
   * invitation again (`invite`: Auth.grantInviteUsers), or only read a user (`read`: AdminGetUser), and
   * tells it the pool (USER_POOL_ID).
   */
  bindUserPool(auth: Auth, access: 'manage' | 'invite' | 'sign-in' | 'read'): this {
    if (access === 'manage') auth.grantManageUsers(this.role);
    else if (access === 'invite') auth.grantInviteUsers(this.role);
    else if (access === 'sign-in') auth.userPool.grant(this.role, 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser');
    else auth.userPool.grant(this.role, 'cognito-idp:AdminGetUser');
    this.function.addEnvironment('USER_POOL_ID', auth.userPool.userPoolId);
    return this;
  }
}

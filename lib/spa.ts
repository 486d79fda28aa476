import { existsSync } from 'node:fs';
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { Api } from './api.js';
import type { Auth } from './auth.js';
import { projectRoot } from './billing-function.js';
import { acknowledgeBucketDeploymentHandler } from './bucket-deployment-acknowledgements.js';

export interface SpaProps {
  readonly api: Api;
  readonly auth: Auth;
  /** Path patterns CloudFront sends to the API instead of the bucket (see `apiPathPatterns`). */
  readonly apiPaths: readonly string[];
  /** The built web app. @default `<project>/web/dist` */
  readonly webDistDir?: string;
  /**
   * The app's own host name, with an ACM certificate for it in us-east-1 (where CloudFront takes
   * certificates from). Point a CNAME (or alias) at the distribution's domain name.
   * @default the *.cloudfront.net name only
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** A CloudFront (global, us-east-1) WAF web ACL in front of the app and the API. @default none */
  readonly webAclArn?: string;
}

const placeholderPage =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Billing</title></head>' +
  '<body><p>The billing web app has not been built yet. Run <code>npm run build:web</code> and deploy again.</p></body></html>';

/**
 * Sends a path without a file extension (a client-side route such as `/invoices/42`) to index.html,
 * so the app opens on any deep link. Only the bucket's behaviour runs it: unlike a distribution-wide
 * 403/404 error page, it leaves the API's own 403 and 404 JSON answers alone.
 */
const spaFallback = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) { request.uri = '/index.html'; }
  return request;
}`;

/**
 * The web app: a private bucket behind CloudFront (origin access control), with the API mounted on
 * the same origin under its route prefixes, so the app calls it with relative URLs (`apiBaseUrl: ''`)
 * and needs no CORS. Strict security headers on every response.
 */
export class Spa extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  private readonly hostName: string | undefined;

  constructor(scope: Construct, id: string, props: SpaProps) {
    super(scope, id);
    const cognitoEndpoint = `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}`;

    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logging writes with ACLs, so the bucket owner must accept them.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is the access-log destination itself; logging it into itself would loop.',
    });

    // Versioned, so a bad deploy of index.html or config.json can be rolled back by restoring the
    // previous version; replaced versions are kept 30 days.
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.hostName = props.customDomain?.domainName;

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Billing web app: strict CSP, HSTS, no sniffing, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            `connect-src 'self' ${props.api.url} ${cognitoEndpoint}`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true },
        ],
      },
    });

    const fallback = new CloudFrontFunction(this, 'SpaFallback', {
      code: FunctionCode.fromInline(spaFallback),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for client-side routes',
    });

    const apiBehavior: BehaviorOptions = {
      origin: new HttpOrigin(props.api.domainName, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
    };

    const domain = props.customDomain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Billing web app and API',
      ...(domain
        ? {
            domainNames: [domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: fallback, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: Object.fromEntries(props.apiPaths.map((path) => [path, apiBehavior])),
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Customers of a hosting provider pay from anywhere; no country is excluded by default.',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'The deployer chose no WAF (context wafRateLimit or webAclArn adds one): a CloudFront web ACL has a fixed ' +
          'monthly fee; the API is throttled, every data route needs a Cognito token, and Cognito threat protection guards sign-in.',
      });
    }
    if (!domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain was given (context domainName and certificateArn): the default *.cloudfront.net certificate ' +
          'is used, whose minimum protocol CloudFront fixes; with a custom domain the distribution requires TLSv1.2_2021.',
      });
    }

    this.deployWebApp(props, cognitoEndpoint);
  }

  /** The app's URL, on its custom domain if it has one, without a trailing slash. */
  get url(): string {
    return `https://${this.hostName ?? this.distribution.distributionDomainName}`;
  }

  /**
   * Hashed build files (`assets/`) are cached for a year; everything else, index.html and
   * config.json included, is revalidated on each load so a deploy takes effect at once.
   */
  private deployWebApp(props: SpaProps, cognitoEndpoint: string): void {
    const distDir = props.webDistDir ?? `${projectRoot}web/dist`;
    const built = existsSync(`${distDir}/index.html`);
    const runtimeConfig = Source.jsonData('config.json', {
      // Same origin: CloudFront routes the API's paths to it.
      apiBaseUrl: '',
      region: Aws.REGION,
      cognito: {
        endpoint: `${cognitoEndpoint}/`,
        userPoolId: props.auth.userPool.userPoolId,
        clientId: props.auth.client.userPoolClientId,
      },
    });

    let hashedAssets: BucketDeployment | undefined;
    if (built && existsSync(`${distDir}/assets`)) {
      hashedAssets = new BucketDeployment(this, 'DeployAssets', {
        sources: [Source.asset(`${distDir}/assets`)],
        destinationBucket: this.bucket,
        destinationKeyPrefix: 'assets/',
        cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
        // Old hashed files stay, so a browser still holding the previous index.html keeps working.
        prune: false,
      });
    }

    const entrySources: ISource[] = built
      ? [Source.asset(distDir, { exclude: ['assets', 'assets/**', 'config.json'] }), runtimeConfig]
      : [Source.data('index.html', placeholderPage), runtimeConfig];
    const entry = new BucketDeployment(this, 'DeployApp', {
      sources: entrySources,
      destinationBucket: this.bucket,
      cacheControl: [CacheControl.noCache()],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    if (hashedAssets) entry.node.addDependency(hashedAssets);

    acknowledgeBucketDeploymentHandler(Stack.of(this), this.bucket);
  }
}

/**
 * CloudFront path patterns for the API, derived from its routes: `/v1/invoices/{id}` → `/v1/*`,
 * `/openapi.json` → `/openapi.json`, `/webhooks/stripe` → `/webhooks/*`.
 */
export function apiPathPatterns(paths: readonly string[]): string[] {
  const patterns = paths.map((path) => {
    const segments = path.split('/').filter(Boolean);
    return segments.length > 1 ? `/${segments[0]}/*` : path;
  });
  return [...new Set(patterns)].sort();
}

import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { fileURLToPath } from 'node:url';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolEmail,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { BillingFunction } from './billing-function.js';

/**
 * The SES identity the system sends email from: Cognito's invitations and password reset codes now,
 * billing email with it later, so configuring one configures both.
 */
export interface SesEmailSettings {
  /** The sender; SES must have it verified, or `verifiedDomain` with it. */
  readonly fromEmail: string;
  readonly fromName?: string;
  /** Where the identity is verified. Required when the stack's region is unknown at synth. */
  readonly region?: string;
  /** When SES verified the whole domain rather than the address: Cognito is then given the domain's identity. */
  readonly verifiedDomain?: string;
}

export interface AuthProps {
  /**
   * @default Cognito's built-in sender: 50 emails a day for the whole user pool, from
   * no-reply@verificationemail.com. Enough to try the system, not to invite a customer base.
   */
  readonly ses?: SesEmailSettings;
  /** Where replies to Cognito's emails go (the seller's billing address). @default the sender */
  readonly replyTo?: string;
  /**
   * The Plus feature plan, which brings threat protection: compromised-credential checks and
   * adaptive blocking of risky sign-ins. About USD 0.02 per monthly active user.
   * @default true
   */
  readonly threatProtection?: boolean;
}

/**
 * Who may use the billing system. Staff create customers (AdminCreateUser sends the invitation);
 * nobody signs up alone. Users sign in by email and reset a forgotten password by a code sent there.
 * Members of the group `admin` may call the admin routes, which their handlers check on the token.
 */
export class Auth extends Construct {
  static readonly adminGroupName = 'admin';

  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthProps = {}) {
    super(scope, id);
    const threatProtection = props.threatProtection ?? true;

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      keepOriginal: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      standardThreatProtectionMode: threatProtection
        ? StandardThreatProtectionMode.FULL_FUNCTION
        : StandardThreatProtectionMode.NO_ENFORCEMENT,
      email: props.ses
        ? UserPoolEmail.withSES({
            fromEmail: props.ses.fromEmail,
            ...(props.ses.fromName ? { fromName: props.ses.fromName } : {}),
            ...(props.ses.region ? { sesRegion: props.ses.region } : {}),
            ...(props.ses.verifiedDomain ? { sesVerifiedDomain: props.ses.verifiedDomain } : {}),
            ...(props.replyTo ? { replyTo: props.replyTo } : {}),
          })
        : UserPoolEmail.withCognito(props.replyTo),
      userInvitation: {
        emailSubject: 'Your billing account',
        emailBody:
          'Your billing account is ready. Sign in with {username} and the temporary password {####}; ' +
          'you will be asked to choose your own password.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    this.userPool.addGroup('AdminGroup', {
      groupName: Auth.adminGroupName,
      description: 'Staff: manage customers and invoices',
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP) rather than required: customers are invited by staff and sign in to pay ' +
        'invoices, and the web app does not yet enrol authenticators; passwords are long and, on the Plus ' +
        'plan, checked against compromised credentials with risky sign-ins blocked.',
    });
    if (!threatProtection) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: 'The deployer turned threat protection off (context threatProtection=false) to stay on the Essentials plan.',
      });
    }
  }

  /**
   * The Cognito calls that create a customer's login (and resend an expired invitation, which is
   * AdminCreateUser again), look it up, and undo it if the record fails.
   */
  grantManageUsers(grantee: IGrantable): void {
    this.userPool.grant(
      grantee,
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminDeleteUser',
    );
  }

  /**
   * Writes Cognito's invitation and password-reset emails in the billing emails' look, naming the
   * provider and linking to the web app: the Custom Message trigger
   * (functions/handlers/cognito-custom-message.ts), which only renders text, so its role holds nothing
   * but its own log group. `environment` gives it SELLER_NAME, SELLER_ADDRESS, SELLER_EMAIL and APP_URL.
   */
  addCustomMessages(environment: Readonly<Record<string, string>>, options: { tracing?: boolean } = {}): BillingFunction {
    const messages = new BillingFunction(this, 'CustomMessage', {
      entry: fileURLToPath(new URL('../functions/handlers/cognito-custom-message.ts', import.meta.url)),
      environment,
      description: 'Cognito custom message: invitation and password-reset emails',
      // Cognito waits 5 s for a trigger; rendering takes milliseconds.
      timeout: Duration.seconds(5),
      ...(options.tracing === undefined ? {} : { tracing: options.tracing }),
    });
    this.userPool.addTrigger(UserPoolOperation.CUSTOM_MESSAGE, messages.function);
    return messages;
  }

  /** Only AdminCreateUser, which with MessageAction RESEND emails a user a new temporary password. */
  grantInviteUsers(grantee: IGrantable): void {
    this.userPool.grant(grantee, 'cognito-idp:AdminCreateUser');
  }
}

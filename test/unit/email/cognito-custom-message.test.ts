import type { CustomMessageTriggerEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/handlers/cognito-custom-message.js';
import { APP_URL, SELLER } from './fixtures.js';

/** A Custom Message event as Cognito sends it (the placeholders it fills in afterwards included). */
function event(triggerSource: CustomMessageTriggerEvent['triggerSource']): CustomMessageTriggerEvent {
  return {
    version: '1', region: 'eu-west-1', userPoolId: 'eu-west-1_abc', userName: 'b1c2-sub', triggerSource,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'CLIENT_ID_NOT_APPLICABLE' },
    request: {
      userAttributes: { email: 'ann@example.test' }, codeParameter: '{####}',
      usernameParameter: triggerSource === 'CustomMessage_AdminCreateUser' ? '{username}' : null, linkParameter: '{##Click Here##}',
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  } as CustomMessageTriggerEvent;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('The Cognito Custom Message trigger', () => {
  beforeAll(() => {
    Object.assign(process.env, {
      SELLER_NAME: SELLER.name, SELLER_ADDRESS: SELLER.addressLines.join('\\n'), SELLER_EMAIL: SELLER.email, APP_URL: `${APP_URL}/`,
    });
  });

  it('writes the invitation in the billing emails’ look: the provider, what the site is, its link, the username and temporary password', async () => {
    const { response } = await handler(event('CustomMessage_AdminCreateUser'));
    expect(response.emailSubject).toBe(`Your billing account at ${SELLER.name}`);
    const html = response.emailMessage!;
    // Cognito requires both placeholders in an invitation, and fills each in.
    expect(count(html, '{username}')).toBe(1);
    expect(count(html, '{####}')).toBe(1);
    expect(html).toContain(`href="${APP_URL}/sign-in"`);
    expect(html).toContain('see your invoices and what you owe');
    for (const line of [SELLER.name, ...SELLER.addressLines, SELLER.email]) expect(html).toContain(line);
    // Cognito's limit for a custom email message.
    expect(html.length).toBeLessThan(20_000);
  });

  it('writes the password reset with the code and a link to the billing site', async () => {
    const { response } = await handler(event('CustomMessage_ForgotPassword'));
    expect(response.emailSubject).toBe(`Your password reset code for ${SELLER.name} billing`);
    expect(count(response.emailMessage!, '{####}')).toBe(1);
    expect(response.emailMessage).toContain(`href="${APP_URL}/forgot-password"`);
    expect(response.emailMessage).toContain(SELLER.addressLines[0]);
  });

  it('leaves Cognito’s own text for a sign-in code', async () => {
    const { response } = await handler(event('CustomMessage_Authentication'));
    expect(response.emailMessage).toBeNull();
  });
});

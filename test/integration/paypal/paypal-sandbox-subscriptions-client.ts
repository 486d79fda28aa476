import { Client, Environment, SubscriptionsController } from '@paypal/paypal-server-sdk';

/** The SDK pointed at the sandbox, as the adapter points it: every request's host rewritten. */
export function sdkAt(baseUrl: string, app: { clientId: string; clientSecret: string }): SubscriptionsController {
  const target = new URL(baseUrl);
  class LocalClient extends Client {
    override getRequestBuilderFactory(): ReturnType<Client['getRequestBuilderFactory']> {
      const factory = super.getRequestBuilderFactory();
      return (...args) => {
        const builder = factory(...args);
        builder.interceptRequest((request) => {
          const url = new URL(request.url);
          url.host = target.host;
          url.protocol = target.protocol;
          return { ...request, url: url.href };
        });
        return builder;
      };
    }
  }
  return new SubscriptionsController(new LocalClient({
    clientCredentialsAuthCredentials: { oAuthClientId: app.clientId, oAuthClientSecret: app.clientSecret },
    environment: Environment.Sandbox,
  }));
}

/** An access token from the sandbox, for the catalog requests the SDK has no controller for. */
export async function accessToken(baseUrl: string, app: { clientId: string; clientSecret: string }): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/oauth2/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

import { ApiError, type Client } from '@paypal/paypal-server-sdk';

/** The one catalog product our plans hang under: PayPal lets us choose its id (6–50 characters). */
export interface CatalogProduct {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

/**
 * PayPal's Catalog Products v1, which `@paypal/paypal-server-sdk` has no controller for
 * (PROVIDERS.md): `POST /v1/catalogs/products` and `GET /v1/catalogs/products/{id}`, sent through the
 * SDK's own request builder, so they share its OAuth token, base URL (the local sandbox's too),
 * timeout and retries. PayPal's error answers come back as the SDK's `ApiError`, as from any controller.
 */
export class CatalogProducts {
  private readonly request: ReturnType<Client['getRequestBuilderFactory']>;

  constructor(client: Client) {
    this.request = client.getRequestBuilderFactory();
  }

  /**
   * Creates the product unless it exists: a product id is PayPal's own de-duplication (a second
   * create of the same id is refused with DUPLICATE_RESOURCE_IDENTIFIER, which is success here), and
   * the request id makes a retried create one create.
   */
  async ensure(product: CatalogProduct): Promise<string> {
    const req = this.request('POST', '/v1/catalogs/products');
    req.header('Content-Type', 'application/json');
    req.header('PayPal-Request-Id', `product-${product.id}`);
    req.json({ id: product.id, name: product.name, description: product.description, type: 'SERVICE', category: 'SOFTWARE' });
    req.authenticate([{ oauth2: true }]);
    req.defaultToError(ApiError, 'PayPal refused the catalog product.');
    try {
      await req.callAsText();
    } catch (error) {
      if (!(error instanceof ApiError && error.statusCode === 422 && /DUPLICATE_RESOURCE_IDENTIFIER/.test(String(error.body)))) throw error;
    }
    return product.id;
  }
}

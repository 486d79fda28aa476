/**
 * Drives the sandbox's hosted Checkout page with plain HTTP form posts, as a browser would: enter a
 * card, follow the 3-D Secure page, and read where the page sends the customer.
 */
export interface CheckoutStep {
  status: number;
  /** Where the browser goes next (absolute), when the page redirects. */
  location?: string;
  html: string;
}

export async function submitCard(checkoutUrl: string, cardNumber: string, expiry = '12 / 34', cvc = '123'): Promise<CheckoutStep> {
  return post(checkoutUrl, { cardNumber, expiry, cvc });
}

export async function answer3DSecure(authenticationUrl: string, decision: 'approve' | 'fail'): Promise<CheckoutStep> {
  return post(authenticationUrl, { decision });
}

export async function openPage(url: string): Promise<CheckoutStep> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

async function post(url: string, fields: Record<string, string>): Promise<CheckoutStep> {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  const location = response.headers.get('location');
  return { status: response.status, html: await response.text(), ...(location && { location: new URL(location, url).href }) };
}

/**
 * Drives the local PayPal sandbox's approval page with plain form posts, as a browser would: approve
 * (as it goes, pending, or denied) or cancel, and read where PayPal sends the buyer.
 */
export type Decision = 'approve' | 'pending' | 'deny' | 'cancel';

export async function decide(approvalUrl: string, decision: Decision): Promise<{ status: number; location?: string; html: string }> {
  const response = await fetch(approvalUrl, { method: 'POST', body: new URLSearchParams({ decision }), redirect: 'manual' });
  const location = response.headers.get('location');
  return { status: response.status, html: await response.text(), ...(location ? { location } : {}) };
}

/** The order id (`token`) in an approval URL or a return URL. */
export function orderIdOf(url: string): string {
  return new URL(url).searchParams.get('token') ?? '';
}

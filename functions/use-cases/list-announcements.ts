import type { Announcement } from '../domain/announcement.js';
import type { AnnouncementRepository } from '../ports/announcement-repository.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { Page, PageRequest } from '../ports/page.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';

/** Announcements, newest first, a page at a time: the same list for every customer and for staff. */
export function listAnnouncements(deps: { announcements: AnnouncementRepository }, request: PageRequest): Promise<Page<Announcement>> {
  return deps.announcements.list(request);
}

/**
 * The announcements as a signed-in customer reads them.
 * @throws NotFoundError for a user bound to no customer, UnauthenticatedError for a customer whose
 *   sign-in staff turned off (as every customer route)
 */
export async function listAnnouncementsForCustomer(
  deps: { announcements: AnnouncementRepository; customers: CustomerRepository },
  input: PageRequest & { userSub: string },
): Promise<Page<Announcement>> {
  await findSignedInCustomer(deps.customers, input.userSub);
  const { userSub: _reader, ...request } = input;
  return listAnnouncements(deps, request);
}

import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoAnnouncementRepository } from '../../../functions/adapters/dynamodb/dynamo-announcement-repository.js';
import { newAnnouncement } from '../../../functions/domain/announcement.js';
import { ValidationError } from '../../../functions/domain/errors.js';
import { createTestTable, documentClient } from '../../support/dynamodb.js';

describe('DynamoAnnouncementRepository against DynamoDB Local', () => {
  let repo: DynamoAnnouncementRepository;
  const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n));

  beforeAll(async () => {
    repo = new DynamoAnnouncementRepository(documentClient(), await createTestTable());
  });

  it('lists announcements newest date first, then by publication, a page at a time, and publishes one id once', async () => {
    const older = newAnnouncement({ id: 'ann_a', title: 'Old news', text: 'x', date: '2021-11-15', publishedAt: at(5) });
    const sameDayFirst = newAnnouncement({ id: 'ann_b', title: 'First', text: 'y', date: '2026-01-01', publishedAt: at(1) });
    const sameDayLater = newAnnouncement({ id: 'ann_c', title: 'Later', text: 'z', date: '2026-01-01', publishedAt: at(2) });
    for (const a of [older, sameDayFirst, sameDayLater]) expect(await repo.publish(a)).toBe('published');
    const again = await repo.publish({ ...older, title: 'Changed' });

    const first = await repo.list({ limit: 2 });
    const second = await repo.list({ limit: 2, cursor: first.nextCursor! });

    expect(again).toBe('exists');
    expect(first.items.map((a) => a.id)).toEqual(['ann_c', 'ann_b']);
    expect(second.items).toEqual([older]);
    expect(second.nextCursor).toBeUndefined();
  });

  it('removes an announcement once; a second removal finds nothing', async () => {
    await repo.publish(newAnnouncement({ id: 'ann_gone', title: 'Oops', text: 'Published by mistake', date: '2026-02-01', publishedAt: at(9) }));
    expect(await repo.remove('ann_gone')).toBe('removed');
    expect(await repo.remove('ann_gone')).toBe('not-found');
    expect((await repo.list({ limit: 100 })).items.map((a) => a.id)).not.toContain('ann_gone');
  });

  it('refuses an announcement without a title or with a date that does not exist', () => {
    expect(() => newAnnouncement({ id: 'x', title: ' ', text: 't', date: '2026-01-01', publishedAt: at(0) })).toThrow(ValidationError);
    expect(() => newAnnouncement({ id: 'x', title: 't', text: 't', date: '2026-02-30', publishedAt: at(0) })).toThrow(ValidationError);
  });
});

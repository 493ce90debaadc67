import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { NotificationCount, NotificationPage } from '../api/notifications.js';
import { sweepReminders } from '../app/jobs/reminders/sweep.js';
import { readLog, type Schema } from '../app/tables.js';
import { insertAction, insertCorrection } from '../app/testing/correction-rows.js';
import { driveTo } from '../app/testing/steps.js';
import { describeStores } from '../store/testing/harness.js';
import { buildHttpWorld, signIn, type Client, type HttpWorld } from './testing/http.js';

describeStores<Schema>('notifications over HTTP', (getStore) => {
  let w: HttpWorld;
  let caseId: string;
  let official: Client;
  let liaison: Client;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
    const c = await driveTo(w, 'determined', { title: '纠错提醒' });
    caseId = c.id;
    const chair = w.actors.chair!.userId;
    const k = await insertCorrection(w.ctx.store.db, c, chair);
    // One overdue action of the official's (official, officialOnCommittee and the liaison hear
    // of it) and four of the other unit's (the liaison and the other unit's party organization).
    await insertAction(w.ctx.store.db, k, chair, {
      ownerOfficialId: w.ids.official,
      dueOn: '2025-02-20',
      task: '本人作出书面检查',
    });
    for (let i = 1; i <= 4; i++) {
      await insertAction(w.ctx.store.db, k, chair, {
        ownerUnitId: w.ids.otherUnit,
        dueOn: `2025-02-2${i}`,
        task: `整改事项${i}`,
      });
    }
    await sweepReminders(w.ctx);
    official = await signIn(w, 'official');
    liaison = await signIn(w, 'liaison');
  }, 180_000);

  const list = async (who: Client, query = ''): Promise<NotificationPage> => {
    const res = await who.get(`/api/notifications${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as NotificationPage;
  };

  it('lists only the caller’s own notifications, worded in both languages, and logs the read', async () => {
    const page = await list(official);
    expect(page.unread).toBe(1);
    expect(page.nextCursor).toBeNull();
    expect(page.items).toHaveLength(1);
    const [n] = page.items;
    expect(n).toMatchObject({
      kind: 'correction_action.overdue',
      case: { id: caseId },
      dueOn: '2025-02-20',
      readAt: null,
    });
    expect(n!.text.zh).toContain('本人作出书面检查');
    expect(n!.text.zh).toContain(n!.case.number);
    expect(n!.text.en).toContain('was due on 2025-02-20');
    const logged = await w.ctx.store.db
      .select()
      .from(readLog)
      .where(
        and(eq(readLog.userId, w.actors.official!.userId), eq(readLog.what, 'notification.list')),
      );
    expect(logged.map((l) => l.detail)).toEqual([{ cases: [caseId] }]);
    // Someone with nothing to be reminded of sees nothing.
    expect((await list(await signIn(w, 'intake'))).items).toEqual([]);
    const anon = await w.app.inject({ method: 'GET', url: '/api/notifications' });
    expect(anon.statusCode).toBe(401);
  });

  it('pages by keyset, unread first, and never shows one twice', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: NotificationPage = await list(
        liaison,
        `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    // A read one goes behind the unread ones.
    const read = await liaison.post(`/api/notifications/${seen[0]}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({ unread: 4 });
    const after = await list(liaison);
    expect(after.items.map((i) => i.id)).toEqual([...seen.slice(1), seen[0]]);
    expect(after.items[4]!.readAt).not.toBeNull();
  });

  it('refuses a cursor it did not make', async () => {
    const res = await liaison.get('/api/notifications?cursor=bm9wZQ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
  });

  it('lets nobody mark another’s notification read', async () => {
    const theirs = (await list(liaison)).items.find((i) => i.readAt === null)!;
    const res = await official.post(`/api/notifications/${theirs.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const count = await liaison.get('/api/notifications/count');
    expect(count.json()).toEqual({ unread: 4 });
    // Marking all read is the caller's own only.
    const all = await official.post('/api/notifications/read-all');
    expect(all.json()).toEqual({ unread: 0 });
    expect(
      ((await liaison.get('/api/notifications/count')).json() as NotificationCount).unread,
    ).toBe(4);
    expect(
      ((await official.get('/api/notifications/count')).json() as NotificationCount).unread,
    ).toBe(0);
  });
});

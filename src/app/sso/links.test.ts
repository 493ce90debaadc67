/**
 * Unlinking an identity of the platform ends the sessions that identity opened (migration 0036:
 * the session records it), and voids its pending second-step tickets, in the unlink's own
 * transaction; the password's sessions and those of another identity stay. Both stores.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../store/testing/harness.js';
import type { ExternalRef } from '../../shared/sso.js';
import { adminEvents, securityEvents, sessions, type Schema } from '../tables.js';
import { buildWorld, type World } from '../testing/world.js';
import { loginTickets } from '../two-factors/tables.js';
import { linkExternalIdentity, unlinkExternalIdentity } from './links.js';

const OIDC: ExternalRef = { provider: 'oidc', subject: 'zs-330102' };
const CAS: ExternalRef = { provider: 'cas', subject: 'zhangsan@zjzwfw' };

describeStores<Schema>('Unlinking an identity ends the sessions it opened', (getStore) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(getStore());
  }, 60_000);

  /** A live session of the user, opened by `via` (null: a password). */
  async function openSession(userId: string, idHash: string, via: ExternalRef | null) {
    await w.ctx.store.db.insert(sessions).values({
      idHash,
      userId,
      csrfToken: 'csrf',
      expiresAt: new Date(w.ctx.now().getTime() + 3_600_000),
      ip: '10.0.0.1',
      userAgent: 'test',
      externalProvider: via?.provider ?? null,
      externalSubject: via?.subject ?? null,
    });
  }

  it('ends the identity’s sessions and tickets, keeps the others, and records the count', async () => {
    const sa = w.actors.securityAdmin!;
    const user = w.actors.intake!.userId;
    for (const via of [OIDC, CAS]) await linkExternalIdentity(w.ctx, sa, user, via);
    await openSession(user, 'by-oidc-1', OIDC);
    await openSession(user, 'by-oidc-2', OIDC);
    await openSession(user, 'by-cas', CAS);
    await openSession(user, 'by-password', null);
    await w.ctx.store.db.insert(loginTickets).values({
      idHash: 'pending-oidc',
      userId: user,
      purpose: 'verify',
      ip: '',
      userAgent: '',
      createdAt: w.ctx.now(),
      expiresAt: new Date(w.ctx.now().getTime() + 300_000),
      externalProvider: OIDC.provider,
      externalSubject: OIDC.subject,
    });

    expect(await unlinkExternalIdentity(w.ctx, sa, user, OIDC)).toBe(2);

    const left = await w.ctx.store.db
      .select({ idHash: sessions.idHash })
      .from(sessions)
      .where(eq(sessions.userId, user));
    expect(left.map((s) => s.idHash).sort()).toEqual(['by-cas', 'by-password']);
    const tickets = await w.ctx.store.db
      .select()
      .from(loginTickets)
      .where(eq(loginTickets.userId, user));
    expect(tickets).toEqual([]);
    const [ended] = await w.ctx.store.db
      .select()
      .from(securityEvents)
      .where(
        and(eq(securityEvents.userId, user), eq(securityEvents.kind, 'session.ended_by_admin')),
      );
    expect(ended!.details).toEqual({
      by: sa.userId,
      ended: 2,
      reason: 'identity_unlinked',
      provider: 'oidc',
      subject: 'zs-330102',
    });
    const [unlinked] = await w.ctx.store.db
      .select()
      .from(adminEvents)
      .where(and(eq(adminEvents.targetId, user), eq(adminEvents.action, 'user.external_unlink')));
    expect(unlinked!.payload).toEqual({ provider: 'oidc', subject: 'zs-330102', sessionsEnded: 2 });
  });

  it('counts each identity’s own sessions; one that opened none leaves no session event', async () => {
    const sa = w.actors.securityAdmin!;
    const user = w.actors.intake!.userId;
    expect(await unlinkExternalIdentity(w.ctx, sa, user, CAS)).toBe(1);
    expect(await unlinkExternalIdentity(w.ctx, sa, user, CAS).catch((e: Error) => e)).toMatchObject(
      { code: 'SSO_IDENTITY_NOT_FOUND' },
    );
    const user2 = w.actors.liaison!.userId;
    await linkExternalIdentity(w.ctx, sa, user2, CAS);
    expect(await unlinkExternalIdentity(w.ctx, sa, user2, CAS)).toBe(0);
    const events = await w.ctx.store.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.userId, user2));
    expect(events).toEqual([]);
  });
});

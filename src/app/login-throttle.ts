/**
 * The `login_throttle` table (migration 0008): failed sign-ins per (account, client address)
 * pair and the pair's lock. Written by sign-in (src/server/auth/login.ts); cleared by an
 * administrator's unlock or password reset (src/app/admin/users.ts).
 */
import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const loginThrottle = pgTable(
  'login_throttle',
  {
    userId: uuid('user_id').notNull(),
    ip: text('ip').notNull(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: ts('locked_until'),
    lastFailedAt: ts('last_failed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ip] })],
);

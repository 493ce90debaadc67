/**
 * The `external_identities` table (migration 0034): an identity at the unified identity platform
 * (provider 'oidc' or 'cas', and the platform's subject) linked to one rongcuo user. Written by
 * the single sign-on (src/server/auth/sso.ts: last_seen_at, automatic links) and by the security
 * administrator (./links.ts).
 */
import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { SsoProvider } from '../../shared/sso.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const externalIdentities = pgTable(
  'external_identities',
  {
    provider: text('provider').$type<SsoProvider>().notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id').notNull(),
    /** The name the platform gave on the last sign-in (shown, never copied into the user). */
    displayName: text('display_name'),
    /** The security administrator who linked it; null for an automatic link. */
    linkedBy: uuid('linked_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] })],
);

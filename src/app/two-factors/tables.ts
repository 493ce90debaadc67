/** The tables of two factors (migration 0033): TOTP secrets, recovery codes, sign-in tickets. */
import { bigint, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { SsoProvider } from '../../shared/sso.js';
import type { BlobAlg } from '../blobs/cipher.js';
import { bytea } from '../tables.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const totpSecrets = pgTable('totp_secrets', {
  userId: uuid('user_id').primaryKey(),
  /** The base32 secret, or when sealed its ciphertext in base64 (migration 0037; secret-store.ts). */
  secret: text('secret').notNull(),
  alg: text('alg').$type<BlobAlg>().notNull().default('none'),
  keyId: text('key_id'),
  iv: bytea('iv'),
  tag: bytea('tag'),
  createdAt: ts('created_at').notNull(),
  confirmedAt: ts('confirmed_at'),
  lastStep: bigint('last_step', { mode: 'number' }).notNull().default(0),
  /** Wrong codes given to one's own reset since `resetFailedFrom` (migration 0037; own.ts). */
  resetFailures: integer('reset_failures').notNull().default(0),
  resetFailedFrom: ts('reset_failed_from'),
});

export const totpRecoveryCodes = pgTable(
  'totp_recovery_codes',
  {
    userId: uuid('user_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

export const loginTickets = pgTable('login_tickets', {
  idHash: text('id_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  purpose: text('purpose').$type<'verify' | 'enrol'>().notNull(),
  ip: text('ip').notNull(),
  userAgent: text('user_agent').notNull(),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  /** The platform's identity when the ticket follows a single sign-on (migration 0036). */
  externalProvider: text('external_provider').$type<SsoProvider>(),
  externalSubject: text('external_subject'),
});

/**
 * drizzle definitions of the read-side tables of migrations/0007_national_scale_indexes.sql: kept
 * by the database itself (a trigger), never written by the application.
 */
import { boolean, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';

/** Determinations per jurisdiction of the case, month ('YYYY-MM'), pack and outcome. */
export const determinationMonths = pgTable(
  'determination_months',
  {
    jurisdictionId: text('jurisdiction_id').notNull(),
    month: text('month').notNull(),
    packId: text('pack_id').notNull(),
    outcome: text('outcome').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionId, t.month, t.packId, t.outcome] })],
);

/** Open cases per jurisdiction, step and suspension, split over 16 shards (sum them). */
export const caseStepCounts = pgTable(
  'case_step_counts',
  {
    jurisdictionId: text('jurisdiction_id').notNull(),
    step: text('step').notNull(),
    suspended: boolean('suspended').notNull(),
    shard: smallint('shard').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionId, t.step, t.suspended, t.shard] })],
);

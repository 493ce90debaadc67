/**
 * drizzle definitions of the read-side tables of migrations/0007_national_scale_indexes.sql (and
 * 0010_step_counts_without_suspension.sql): kept
 * by the database itself (a trigger), never written by the application.
 */
import { integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';

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

/**
 * Open cases per jurisdiction and step, split over 16 shards (sum them); migration 0010. The
 * suspended ones among them are counted from the cases (index cases_suspended).
 */
export const caseStepCounts = pgTable(
  'case_step_counts',
  {
    jurisdictionId: text('jurisdiction_id').notNull(),
    step: text('step').notNull(),
    shard: smallint('shard').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionId, t.step, t.shard] })],
);

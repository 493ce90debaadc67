/**
 * The report of a survey campaign (issue 12): the analysis of its responses (src/evaluation/
 * analyze.ts) on its instrument, broken down by each demographic item, under the campaign's
 * reporting thresholds — nothing at all below k responses, no group under k in a breakdown and a
 * complement hidden beside a lone hidden group (src/evaluation/suppression.ts), free text only at
 * the free-text threshold. Read by whoever reads the campaign; the read is logged.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { analyze, type Analysis } from '../../evaluation/analyze.js';
import { scaleSpecOf } from '../../evaluation/instrument.js';
import type { Instrument, ScaleSpec, Text } from '../../evaluation/model.js';
import type { ResponseTable } from '../../evaluation/responses.js';
import { keyed, scaleScores } from '../../evaluation/stats/data.js';
import {
  freeTextReportable,
  MIN_GROUP_SIZE,
  reportable,
  suppressGroups,
} from '../../evaluation/suppression.js';
import type { AppContext } from '../context.js';
import { logRead } from '../read-log.js';
import { surveyResponses } from '../tables.js';
import { campaignView, type CampaignView } from './campaign-view.js';
import { loadInstrument } from './instruments.js';

export interface GroupFigures {
  readonly value: string | null;
  readonly label: Text;
  /** Null when the group is hidden (under k, or the complement of one that is). */
  readonly n: number | null;
  /** Why the group is hidden: fewer than k, or hidden beside one that is so that no total gives it back. */
  readonly hidden: 'under_k' | 'complement' | null;
  /** Mean score per scale of the group; null when hidden. */
  readonly means: Readonly<Record<string, number | null>> | null;
}

export interface Breakdown {
  readonly id: string;
  readonly label: Text;
  readonly groups: readonly GroupFigures[];
}

export interface CampaignReport {
  readonly campaign: CampaignView;
  readonly instrument: {
    readonly id: string;
    readonly validated: boolean;
    readonly validationNote: Text;
  };
  readonly n: number;
  /** Whether the campaign has k responses or more; if not, no figure is given. */
  readonly reportable: boolean;
  readonly analysis: Analysis | null;
  readonly breakdowns: readonly Breakdown[];
  /** The free-text answers, each question's in random order; null under the free-text threshold. */
  readonly openAnswers:
    | readonly { readonly id: string; readonly text: Text; readonly answers: readonly string[] }[]
    | null;
}

type ResponseRow = typeof surveyResponses.$inferSelect;

const NOT_GIVEN: Text = { zh: '未填写', en: 'Not given' };

export async function campaignReport(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
): Promise<CampaignReport> {
  const campaign = await campaignView(ctx, actor, campaignId);
  const { body: instrument } = await loadInstrument(ctx.store.db, campaign.instrumentId);
  const rows = await ctx.store.db
    .select()
    .from(surveyResponses)
    .where(eq(surveyResponses.campaignId, campaign.id));
  await logRead(ctx.store.db, {
    userId: actor.userId,
    jurisdictionId: campaign.jurisdiction.id,
    what: 'evaluation.report',
    at: ctx.now(),
  });
  return reportOf(campaign, instrument, rows);
}

/** The report from the campaign's rows; pure, so that the thresholds are tested without a store. */
export function reportOf(
  campaign: CampaignView,
  instrument: Instrument,
  rows: readonly ResponseRow[],
): CampaignReport {
  const head = {
    campaign,
    instrument: {
      id: instrument.id,
      validated: instrument.validated,
      validationNote: instrument.validationNote,
    },
    n: rows.length,
  };
  if (!reportable(rows.length, campaign.thresholdK)) {
    return { ...head, reportable: false, analysis: null, breakdowns: [], openAnswers: null };
  }
  const spec = scaleSpecOf(instrument);
  const table = tableOf(spec, rows);
  const scores = scoresOf(spec, table);
  return {
    ...head,
    reportable: true,
    analysis: analyze(table, spec, 'pairwise'),
    breakdowns: instrument.demographics.map((d) => breakdown(d, scores, rows, campaign.thresholdK)),
    openAnswers: freeTextReportable(rows.length, campaign.thresholdK, campaign.freeTextThreshold)
      ? instrument.openQuestions.map((q) => ({
          id: q.id,
          text: q.text,
          answers: rows.flatMap((r) => (r.openAnswers[q.id] ? [r.openAnswers[q.id]!] : [])),
        }))
      : null,
  };
}

export function tableOf(spec: ScaleSpec, rows: readonly ResponseRow[]): ResponseTable {
  const items = spec.factors.flatMap((f) => f.items);
  return { items, rows: rows.map((r) => items.map((id) => r.answers[id] ?? null)), ignored: [] };
}

/** Every respondent's score on every scale (reversed items keyed), computed once for the breakdowns. */
function scoresOf(spec: ScaleSpec, table: ResponseTable): Map<string, (number | null)[]> {
  const reversed = table.items.map((id) => spec.factors.some((f) => f.reversed.includes(id)));
  const rows = keyed(table.rows, reversed, spec.scale.min, spec.scale.max);
  return new Map(
    spec.factors.map((f) => [
      f.id,
      scaleScores(
        rows,
        f.items.map((id) => table.items.indexOf(id)),
      ),
    ]),
  );
}

function breakdown(
  demographic: Instrument['demographics'][number],
  scores: ReadonlyMap<string, readonly (number | null)[]>,
  rows: readonly ResponseRow[],
  k: number,
): Breakdown {
  const values: (string | null)[] = [...demographic.options.map((o) => o.value), null];
  const members = values.map((v) =>
    rows.flatMap((r, i) => ((r.demographics[demographic.id] ?? null) === v ? [i] : [])),
  );
  const hidden = suppressGroups(
    members.map((m) => m.length),
    k,
  );
  const groups = values.map((value, g) => {
    const label =
      value === null ? NOT_GIVEN : demographic.options.find((o) => o.value === value)!.label;
    const n = members[g]!.length;
    if (hidden[g]) {
      const why = n < Math.max(k, MIN_GROUP_SIZE) ? ('under_k' as const) : ('complement' as const);
      return { value, label, n: null, hidden: why, means: null };
    }
    return { value, label, n, hidden: null, means: n > 0 ? groupMeans(scores, members[g]!) : null };
  });
  // "Not given" is listed only when someone left the item blank.
  return {
    id: demographic.id,
    label: demographic.label,
    groups: groups.filter((g) => g.value !== null || g.n !== 0),
  };
}

/** Each scale's mean score over all the rows (campaigns side by side, `overview.ts`). */
export function scaleMeans(
  instrument: Instrument,
  rows: readonly ResponseRow[],
): Record<string, number | null> {
  const spec = scaleSpecOf(instrument);
  return groupMeans(
    scoresOf(spec, tableOf(spec, rows)),
    rows.map((_, i) => i),
  );
}

function groupMeans(
  scores: ReadonlyMap<string, readonly (number | null)[]>,
  members: readonly number[],
): Record<string, number | null> {
  const means: Record<string, number | null> = {};
  for (const [id, all] of scores) {
    const given = members.map((i) => all[i]!).filter((s): s is number => s !== null);
    means[id] = given.length > 0 ? given.reduce((a, b) => a + b, 0) / given.length : null;
  }
  return means;
}

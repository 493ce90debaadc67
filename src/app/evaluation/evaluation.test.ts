import { createHash } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/roles.js';
import { TOKEN_ALPHABET } from '../../shared/evaluation.js';
import { MAX_TOKENS_PER_ISSUE } from '../../shared/limits.js';
import { describeStores } from '../../store/testing/harness.js';
import {
  adminEvents,
  evaluationCampaigns,
  evaluationInstruments,
  jurisdictions,
  surveyResponses,
  surveyTokens,
  type Schema,
} from '../tables.js';
import { codeOf } from '../testing/steps.js';
import { buildWorld, type World } from '../testing/world.js';
import { adaptInstrument } from './adapt-instrument.js';
import { campaignView, listCampaigns } from './campaign-view.js';
import { closeCampaign } from './close-campaign.js';
import { createCampaign } from './create-campaign.js';
import { instrumentView, listInstruments } from './instrument-view.js';
import { installInstruments } from './instruments.js';
import { issueTokens } from './issue-tokens.js';
import { openCampaign } from './open-campaign.js';
import { submitResponse } from './submit-response.js';
import { surveyForm } from './survey.js';
import { buildInstrument, campaignInput, openWithTokens, testCheck } from './testing.js';
import { canonicalToken, groupedToken, newToken } from './tokens.js';

describe('survey tokens', () => {
  it('are 26 characters of Crockford base32, 128 random bits, each different', () => {
    const many = Array.from({ length: 2000 }, newToken);
    expect(new Set(many).size).toBe(many.length);
    for (const t of many) {
      expect(t).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
      expect(canonicalToken(t)).toBe(t);
    }
    // Every character of the alphabet turns up after the first (no bias to a few).
    const seen = new Set(many.flatMap((t) => [...t.slice(1)]));
    expect(seen.size).toBe(TOKEN_ALPHABET.length);
  });

  it('are read leniently as typed: case, hyphens, spaces, O/I/L for 0/1/1', () => {
    const t = '0123456789ABCDEFGHJKMNPQRS';
    expect(canonicalToken(groupedToken(t).toLowerCase())).toBe(t);
    expect(canonicalToken(' 0123 4567 89AB CDEF GHJK MNPQ RS ')).toBe(t);
    expect(canonicalToken('O123456789ABCDEFGHJKMNPQRS')).toBe(t);
    expect(canonicalToken('0I23456789ABCDEFGHJKMNPQRS')).toBe('0123456789ABCDEFGHJKMNPQRS');
    expect(canonicalToken('0123456789ABCDEFGHJKMNPQR')).toBeNull();
    expect(canonicalToken('0123456789ABCDEFGHJKMNPQRU')).toBeNull();
    // 130 bits of text for 128 of randomness: a first character above 7 cannot be a token.
    expect(canonicalToken('8123456789ABCDEFGHJKMNPQRS')).toBeNull();
  });
});

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

async function columns(w: World, table: string): Promise<string[]> {
  const { rows } = await w.ctx.store.query<{ c: string }>(
    `SELECT column_name AS c FROM information_schema.columns
      WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.c);
}

const SHEET = {
  answers: { PE1: 4, PE2: 2, TA1: 5, TA2: null, SU1: 5 },
  demographics: { rank: 'section' },
  openAnswers: { advice: '  建议进一步明确容错情形。 ' },
};

describeStores<Schema>('survey campaigns (问卷调查): store and use cases', (getStore) => {
  let w: World;
  let liaison: Actor;
  let cityPath: string;

  beforeAll(async () => {
    w = await buildWorld(getStore());
    liaison = w.actors.liaison!;
    await installInstruments(w.ctx, [buildInstrument()]);
    const [city] = await w.ctx.store.db
      .select({ path: jurisdictions.path })
      .from(jurisdictions)
      .where(eq(jurisdictions.id, w.ids.city));
    cityPath = city!.path;
  }, 120_000);

  describe('drafting a campaign', () => {
    it('drafts it with the defaults (k = 5, free text 10, no day kept) and an event', async () => {
      const { id } = await createCampaign(w.ctx, liaison, campaignInput(w));
      const [row] = await w.ctx.store.db
        .select()
        .from(evaluationCampaigns)
        .where(eq(evaluationCampaigns.id, id));
      expect(row).toMatchObject({
        state: 'draft',
        thresholdK: 5,
        freeTextThreshold: 10,
        keepDay: false,
        invitedCount: 20,
        version: 0,
        jurisdictionId: w.ids.area,
        instrumentId: 'test-v1',
      });
      expect([...row!.invitedUnits].sort()).toEqual([w.ids.unit, w.ids.otherUnit].sort());
      const [event] = await w.ctx.store.db
        .select()
        .from(adminEvents)
        .where(
          and(eq(adminEvents.targetId, id), eq(adminEvents.action, 'evaluation.campaign_create')),
        );
      expect(event).toMatchObject({ targetKind: 'campaign', actorId: liaison.userId });
      expect(event!.payload).toMatchObject({ thresholdK: 5, instrumentId: 'test-v1' });
    });

    it('refuses k under 5 (only ever raised), free text under k, and bad days', async () => {
      const code = (over: Parameters<typeof campaignInput>[1]) =>
        codeOf(createCampaign(w.ctx, liaison, campaignInput(w, over)));
      expect(await code({ thresholdK: 4 })).toBe('VALIDATION');
      expect(await code({ thresholdK: 5.5 })).toBe('VALIDATION');
      expect(await code({ thresholdK: 8, freeTextThreshold: 7 })).toBe('VALIDATION');
      expect(await code({ thresholdK: 8 })).toBe('ok'); // free text defaults to max(10, k)
      expect(await code({ thresholdK: 12 })).toBe('ok');
      expect(await code({ closesOn: '2025-03-02', opensOn: '2025-03-01' })).toBe('VALIDATION');
      expect(await code({ closesOn: '2025-02-28' })).toBe('VALIDATION');
      expect(await code({ opensOn: '2025-02-30' })).toBe('VALIDATION');
      expect(await code({ invitedCount: 0 })).toBe('VALIDATION');
      expect(await code({ title: ' 问 ' })).toBe('VALIDATION');
      expect(await code({ invitedUnitIds: [] })).toBe('VALIDATION');
      expect(await code({ invitedUnitIds: [w.ids.unit, w.ids.unit] })).toBe('VALIDATION');
      expect(await code({ instrumentId: 'nope-v1' })).toBe('INSTRUMENT_NOT_FOUND');
      expect(await code({ jurisdictionId: 'nowhere' })).toBe('VALIDATION');
    });

    it('keeps the thresholds in the store as well: k < 5 or free text < k cannot be written', async () => {
      const base = {
        id: '00000000-0000-4000-8000-000000000001',
        jurisdictionId: w.ids.area,
        title: 't',
        instrumentId: 'test-v1',
        invitedUnits: [],
        invitedCount: 1,
        opensOn: '2025-03-03',
        closesOn: '2025-03-04',
        state: 'draft' as const,
        keepDay: false,
        createdBy: liaison.userId,
        version: 0,
      };
      const insert = (k: number, free: number) =>
        w.ctx.store.db
          .insert(evaluationCampaigns)
          .values({ ...base, thresholdK: k, freeTextThreshold: free })
          .then(
            () => 'written',
            () => 'refused',
          );
      expect(await insert(4, 10)).toBe('refused');
      expect(await insert(6, 5)).toBe('refused');
    });

    it('is for the liaison of the jurisdiction or above, and only for units inside it', async () => {
      const code = (actor: Actor, over: Parameters<typeof campaignInput>[1] = {}) =>
        codeOf(createCampaign(w.ctx, actor, campaignInput(w, over)));
      expect(await code(w.actors.chair!)).toBe('FORBIDDEN');
      expect(await code(w.actors.admin!)).toBe('FORBIDDEN');
      expect(await code(w.actors.policyAdmin!)).toBe('FORBIDDEN');
      // The area's liaison cannot run the city's campaign.
      expect(await code(liaison, { jurisdictionId: w.ids.city })).toBe('FORBIDDEN');
      // The city's liaison can run the area's.
      const cityLiaison: Actor = {
        ...liaison,
        grants: [
          {
            role: 'org_liaison',
            scopeKind: 'jurisdiction',
            scopeId: w.ids.city,
            scopePath: cityPath,
          },
        ],
      };
      expect(await code(cityLiaison)).toBe('ok');
      // A unit of another jurisdiction's tree is refused: the area's units are not under Y District.
      const yLiaison: Actor = {
        ...liaison,
        grants: [
          {
            role: 'org_liaison',
            scopeKind: 'jurisdiction',
            scopeId: w.ids.otherArea,
            scopePath: `${cityPath}${w.ids.otherArea}/`,
          },
        ],
      };
      const [y] = await w.ctx.store.db
        .select({ path: jurisdictions.path })
        .from(jurisdictions)
        .where(eq(jurisdictions.id, w.ids.otherArea));
      const yActor = { ...yLiaison, grants: [{ ...yLiaison.grants[0]!, scopePath: y!.path }] };
      expect(await code(yActor, { jurisdictionId: w.ids.otherArea })).toBe('VALIDATION');
    });
  });

  describe('opening and closing', () => {
    it('opens a draft once, on the version seen, with its event; closes it; never reopens', async () => {
      const { id } = await createCampaign(w.ctx, liaison, campaignInput(w));
      expect(
        await codeOf(openCampaign(w.ctx, w.actors.chair!, { campaignId: id, expectedVersion: 0 })),
      ).toBe('FORBIDDEN');
      expect(
        await codeOf(closeCampaign(w.ctx, liaison, { campaignId: id, expectedVersion: 0 })),
      ).toBe('CAMPAIGN_STATE');
      expect(
        await codeOf(openCampaign(w.ctx, liaison, { campaignId: id, expectedVersion: 3 })),
      ).toBe('CAMPAIGN_VERSION_CONFLICT');
      expect(await openCampaign(w.ctx, liaison, { campaignId: id, expectedVersion: 0 })).toEqual({
        id,
        state: 'open',
        version: 1,
      });
      expect(
        await codeOf(openCampaign(w.ctx, liaison, { campaignId: id, expectedVersion: 1 })),
      ).toBe('CAMPAIGN_STATE');
      expect(
        await closeCampaign(w.ctx, liaison, { campaignId: id, expectedVersion: 1 }),
      ).toMatchObject({
        state: 'closed',
        version: 2,
      });
      expect(
        await codeOf(openCampaign(w.ctx, liaison, { campaignId: id, expectedVersion: 2 })),
      ).toBe('CAMPAIGN_STATE');
      const events = await w.ctx.store.db
        .select({ action: adminEvents.action, payload: adminEvents.payload })
        .from(adminEvents)
        .where(eq(adminEvents.targetId, id));
      expect(events.map((e) => e.action)).toEqual([
        'evaluation.campaign_create',
        'evaluation.campaign_open',
        'evaluation.campaign_close',
      ]);
      expect(events[2]!.payload).toEqual({ from: 'open', to: 'closed', on: '2025-03-03' });
      expect(
        await codeOf(
          openCampaign(w.ctx, liaison, { campaignId: 'not-a-uuid', expectedVersion: 0 }),
        ),
      ).toBe('CAMPAIGN_NOT_FOUND');
    });

    it('is closed by the liaison only, on the version seen', async () => {
      const { id } = await openWithTokens(w, 1);
      const close = (actor: Actor, expectedVersion = 1) =>
        codeOf(closeCampaign(w.ctx, actor, { campaignId: id, expectedVersion }));
      expect(await close(w.actors.chair!)).toBe('FORBIDDEN');
      expect(await close(w.actors.admin!)).toBe('FORBIDDEN');
      expect(await close(liaison, 0)).toBe('CAMPAIGN_VERSION_CONFLICT');
      expect(await close(liaison)).toBe('ok');
      expect(await close(liaison, 2)).toBe('CAMPAIGN_STATE');
    });

    it('does not open a campaign whose closing day has passed', async () => {
      const { id } = await createCampaign(
        w.ctx,
        liaison,
        campaignInput(w, { closesOn: '2025-03-05' }),
      );
      w.clock.setDay('2025-03-06');
      try {
        expect(
          await codeOf(openCampaign(w.ctx, liaison, { campaignId: id, expectedVersion: 0 })),
        ).toBe('CAMPAIGN_STATE');
      } finally {
        w.clock.setDay('2025-03-03');
      }
    });
  });

  describe('issuing tokens', () => {
    it('returns the tokens once and stores only their SHA-256, counting them on the campaign', async () => {
      const { id, tokens } = await openWithTokens(w, 5);
      expect(tokens).toHaveLength(5);
      expect(await columns(w, 'survey_tokens')).toEqual(['token_hash', 'campaign_id']);
      const rows = await w.ctx.store.db
        .select()
        .from(surveyTokens)
        .where(eq(surveyTokens.campaignId, id));
      const stored = rows.map((r) => Buffer.from(r.tokenHash).toString('hex')).sort();
      expect(stored).toEqual(tokens.map(sha).sort());
      const [campaign] = await w.ctx.store.db
        .select({ issued: evaluationCampaigns.tokensIssued })
        .from(evaluationCampaigns)
        .where(eq(evaluationCampaigns.id, id));
      expect(campaign!.issued).toBe(5);
      const [event] = await w.ctx.store.db
        .select()
        .from(adminEvents)
        .where(
          and(eq(adminEvents.targetId, id), eq(adminEvents.action, 'evaluation.tokens_issue')),
        );
      expect(event!.payload).toEqual({ count: 5, issued: 5 });
      // No token is in the administration trail.
      const all = JSON.stringify(await w.ctx.store.db.select().from(adminEvents));
      for (const t of tokens) expect(all).not.toContain(t);
    });

    it('issues at most the limit at a time and never more than the cadres invited', async () => {
      const { id, tokens } = await openWithTokens(w, 18);
      const issue = (count: number, actor = liaison) =>
        codeOf(issueTokens(w.ctx, actor, { campaignId: id, count }));
      expect(await issue(0)).toBe('VALIDATION');
      expect(await issue(MAX_TOKENS_PER_ISSUE + 1)).toBe('VALIDATION');
      expect(await issue(3)).toBe('CAMPAIGN_TOKENS_EXCEED_INVITED');
      expect(await issue(2, w.actors.chair!)).toBe('FORBIDDEN');
      expect(await issue(2)).toBe('ok');
      expect(await issue(1)).toBe('CAMPAIGN_TOKENS_EXCEED_INVITED');
      // A used token's row is deleted, but the token still counts as issued.
      await submitResponse(w.ctx, tokens[0]!, SHEET);
      expect(await issue(1)).toBe('CAMPAIGN_TOKENS_EXCEED_INVITED');
    });

    it('issues none for a closed campaign', async () => {
      const { id } = await openWithTokens(w, 1);
      await closeCampaign(w.ctx, liaison, { campaignId: id, expectedVersion: 1 });
      expect(await codeOf(issueTokens(w.ctx, liaison, { campaignId: id, count: 1 }))).toBe(
        'CAMPAIGN_STATE',
      );
    });
  });

  describe('answering', () => {
    it('shows the questions in both languages and nothing of the model behind them', async () => {
      const { tokens } = await openWithTokens(w, 1);
      const form = await surveyForm(w.ctx, tokens[0]!);
      expect(form.title).toBe('X新区2025年度容错纠错机制实施情况问卷调查');
      expect(form.closesOn).toBe('2025-03-31');
      expect(form.instrument.items.map((i) => i.id)).toEqual(['PE1', 'PE2', 'TA1', 'TA2', 'SU1']);
      expect(form.instrument.items[0]!.text.zh).toBe('上级高度重视容错纠错工作。');
      expect(form.instrument.scale.labels).toHaveLength(5);
      const text = JSON.stringify(form);
      for (const hidden of ['politicalEnergy', 'reversed', 'blocking', w.ids.area, w.ids.unit]) {
        expect(text).not.toContain(hidden);
      }
    });

    it('takes a sheet once per token, stored with blanks and without anything that leads back', async () => {
      const { id, tokens } = await openWithTokens(w, 3);
      expect(await submitResponse(w.ctx, tokens[0]!, SHEET)).toEqual({ received: true });
      // The used token's row is gone: a second use is told only that the link is not valid.
      const left = await w.ctx.store.db
        .select({ hash: surveyTokens.tokenHash })
        .from(surveyTokens)
        .where(eq(surveyTokens.campaignId, id));
      expect(left.map((r) => Buffer.from(r.hash).toString('hex')).sort()).toEqual(
        tokens.slice(1).map(sha).sort(),
      );
      expect(await codeOf(submitResponse(w.ctx, tokens[0]!, SHEET))).toBe('SURVEY_TOKEN_INVALID');
      expect(await codeOf(surveyForm(w.ctx, tokens[0]!))).toBe('SURVEY_TOKEN_INVALID');
      const rows = await w.ctx.store.db
        .select()
        .from(surveyResponses)
        .where(eq(surveyResponses.campaignId, id));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        submittedOn: null,
        answers: { PE1: 4, PE2: 2, TA1: 5, TA2: null, SU1: 5 },
        demographics: { rank: 'section' },
        openAnswers: { advice: '建议进一步明确容错情形。' },
      });
      expect(await columns(w, 'survey_responses')).toEqual([
        'id',
        'campaign_id',
        'submitted_on',
        'demographics',
        'answers',
        'open_answers',
      ]);
      // No event for a submission: it would have no actor and would date the answer.
      const events = await w.ctx.store.db
        .select({ action: adminEvents.action })
        .from(adminEvents)
        .where(eq(adminEvents.targetId, id));
      expect(events.map((e) => e.action)).not.toContain(expect.stringMatching(/submit|response/));
      expect(events).toHaveLength(3);
    });

    it('keeps the day only when the campaign says so', async () => {
      const { id, tokens } = await openWithTokens(w, 1, { keepDay: true });
      await submitResponse(w.ctx, tokens[0]!, { answers: { SU1: 3 } });
      const [row] = await w.ctx.store.db
        .select()
        .from(surveyResponses)
        .where(eq(surveyResponses.campaignId, id));
      expect(row!.submittedOn).toBe('2025-03-03');
      expect(row!.answers).toEqual({ PE1: null, PE2: null, TA1: null, TA2: null, SU1: 3 });
      expect(row!.demographics).toEqual({ rank: null });
      expect(row!.openAnswers).toEqual({});
    });

    it('reads a token as typed from paper', async () => {
      const { tokens } = await openWithTokens(w, 1);
      const typed = groupedToken(tokens[0]!).toLowerCase();
      expect(await submitResponse(w.ctx, typed, { answers: { SU1: 4 } })).toEqual({
        received: true,
      });
    });

    it('refuses unknown tokens, unknown items, values off the scale, options not offered and empty sheets, leaving the token unused', async () => {
      const { id, tokens } = await openWithTokens(w, 1);
      const t = tokens[0]!;
      const code = (sheet: Parameters<typeof submitResponse>[2], token = t) =>
        codeOf(submitResponse(w.ctx, token, sheet));
      expect(await code(SHEET, newToken())).toBe('SURVEY_TOKEN_INVALID');
      expect(await code(SHEET, 'not a token')).toBe('SURVEY_TOKEN_INVALID');
      expect(await code({ answers: { XX9: 3 } })).toBe('SURVEY_UNKNOWN_QUESTION');
      expect(await code({ answers: { toString: 3 } })).toBe('SURVEY_UNKNOWN_QUESTION');
      expect(await code({ answers: { PE1: 6 } })).toBe('SURVEY_VALUE_OFF_SCALE');
      expect(await code({ answers: { PE1: 0 } })).toBe('SURVEY_VALUE_OFF_SCALE');
      expect(await code({ answers: { PE1: 2.5 } })).toBe('SURVEY_VALUE_OFF_SCALE');
      expect(await code({ answers: {}, demographics: { rank: 'minister' } })).toBe(
        'SURVEY_NOT_AN_OPTION',
      );
      expect(await code({ answers: {}, demographics: { age: '30' } })).toBe(
        'SURVEY_UNKNOWN_QUESTION',
      );
      expect(await code({ answers: {}, openAnswers: { other: '…' } })).toBe(
        'SURVEY_UNKNOWN_QUESTION',
      );
      expect(await code({ answers: {}, openAnswers: { advice: 'x'.repeat(2001) } })).toBe(
        'VALIDATION',
      );
      expect(await code({ answers: { PE1: null }, openAnswers: { advice: '  ' } })).toBe(
        'SURVEY_EMPTY',
      );
      const rows = await w.ctx.store.db
        .select()
        .from(surveyTokens)
        .where(eq(surveyTokens.campaignId, id));
      expect(rows).toHaveLength(1);
      expect(await code({ answers: { PE1: 1 } })).toBe('ok');
    });

    it('takes no answer before the campaign opens or after it closes', async () => {
      await installInstruments(w.ctx, [buildInstrument()]);
      const { id } = await createCampaign(
        w.ctx,
        liaison,
        campaignInput(w, { opensOn: '2025-03-10' }),
      );
      const { tokens } = await issueTokens(w.ctx, liaison, { campaignId: id, count: 2 });
      const t = tokens[0]!;
      // A draft takes none.
      expect(await codeOf(submitResponse(w.ctx, t, SHEET))).toBe('SURVEY_NOT_OPEN');
      await openCampaign(w.ctx, liaison, { campaignId: id, expectedVersion: 0 });
      // Open, but its first day is ahead.
      expect(await codeOf(surveyForm(w.ctx, t))).toBe('SURVEY_NOT_OPEN');
      w.clock.setDay('2025-03-10');
      try {
        expect(await codeOf(surveyForm(w.ctx, t))).toBe('ok');
        // Past its last day, though nobody closed it.
        w.clock.setDay('2025-04-01');
        expect(await codeOf(submitResponse(w.ctx, t, SHEET))).toBe('SURVEY_CLOSED');
        w.clock.setDay('2025-03-31');
        expect(await codeOf(submitResponse(w.ctx, t, SHEET))).toBe('ok');
        await closeCampaign(w.ctx, liaison, { campaignId: id, expectedVersion: 1 });
        expect(await codeOf(submitResponse(w.ctx, tokens[1]!, SHEET))).toBe('SURVEY_CLOSED');
        expect(await codeOf(surveyForm(w.ctx, tokens[1]!))).toBe('SURVEY_CLOSED');
      } finally {
        w.clock.setDay('2025-03-03');
      }
    });

    it('takes one sheet when a token is submitted twice at the same moment', async () => {
      const { id, tokens } = await openWithTokens(w, 1);
      const both = await Promise.allSettled([
        submitResponse(w.ctx, tokens[0]!, SHEET),
        submitResponse(w.ctx, tokens[0]!, SHEET),
      ]);
      expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((refused.reason as { code: string }).code).toBe('SURVEY_TOKEN_INVALID');
      const rows = await w.ctx.store.db
        .select({ id: surveyResponses.id })
        .from(surveyResponses)
        .where(eq(surveyResponses.campaignId, id));
      expect(rows).toHaveLength(1);
    });

    it('leaves no live token row sharing a value with a response, not even its transaction id (xmin)', async () => {
      const { id, tokens } = await openWithTokens(w, 6);
      // At the same moment: on PostgreSQL these overlap (a pool of connections).
      await Promise.all(tokens.slice(0, 4).map((t) => submitResponse(w.ctx, t, SHEET)));
      // Marking a token used would leave its row with the response's xmin; deleting it leaves
      // only the unused tokens, written when they were issued. Checked over both whole tables.
      const { rows: live } = await w.ctx.store.query<{ x: string; h: string }>(
        `SELECT xmin::text AS x, encode(token_hash, 'hex') AS h FROM survey_tokens`,
      );
      const { rows: answered } = await w.ctx.store.query<{ x: string; row: string }>(
        `SELECT xmin::text AS x, to_jsonb(r)::text AS row FROM survey_responses r`,
      );
      const mine = await w.ctx.store.db
        .select({ id: surveyResponses.id })
        .from(surveyResponses)
        .where(eq(surveyResponses.campaignId, id));
      expect(mine).toHaveLength(4);
      const left = new Set(live.map((t) => t.h));
      expect(tokens.map(sha).filter((h) => left.has(h))).toEqual(tokens.slice(4).map(sha));
      const liveXmin = new Set(live.map((t) => t.x));
      expect(answered.filter((a) => liveXmin.has(a.x))).toEqual([]);
      for (const a of answered) for (const t of live) expect(a.row).not.toContain(t.h);
      // And the response ids are random, not ordered by submission.
      for (const r of mine) expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    });
  });

  describe('reading campaigns', () => {
    it('lists the jurisdiction’s campaigns with their counts for liaisons, chairs, auditors and administrators', async () => {
      const { id, tokens } = await openWithTokens(w, 4);
      await submitResponse(w.ctx, tokens[0]!, SHEET);
      await submitResponse(w.ctx, tokens[1]!, SHEET);
      for (const name of ['liaison', 'chair', 'auditor', 'admin']) {
        const list = await listCampaigns(w.ctx, w.actors[name]!, { jurisdictionId: w.ids.area });
        expect(list.map((c) => c.id)).toContain(id);
      }
      const view = await campaignView(w.ctx, w.actors.chair!, id);
      expect(view.counts).toEqual({ tokensIssued: 4, tokensUsed: 2, responses: 2 });
      expect(view).toMatchObject({ state: 'open', answering: true, version: 1 });
      expect(view.abilities).toEqual({ open: false, close: false, issueTokens: false });
      const mine = await campaignView(w.ctx, liaison, id);
      expect(mine.abilities).toEqual({ open: false, close: true, issueTokens: true });
      expect(mine.invitedUnits.map((u) => u.name.zh).sort()).toEqual(['建设局', '经济发展局']);
    });

    it('is not for other roles, nor outside the reader’s jurisdictions', async () => {
      const { id } = await openWithTokens(w, 1);
      expect(await codeOf(listCampaigns(w.ctx, w.actors.intake!))).toBe('FORBIDDEN');
      expect(await codeOf(listCampaigns(w.ctx, w.actors.official!))).toBe('FORBIDDEN');
      const [y] = await w.ctx.store.db
        .select({ path: jurisdictions.path })
        .from(jurisdictions)
        .where(eq(jurisdictions.id, w.ids.otherArea));
      const yChair: Actor = {
        ...w.actors.chair!,
        grants: [
          {
            role: 'committee_chair',
            scopeKind: 'jurisdiction',
            scopeId: w.ids.otherArea,
            scopePath: y!.path,
          },
        ],
      };
      expect(await codeOf(campaignView(w.ctx, yChair, id))).toBe('CAMPAIGN_NOT_FOUND');
      expect((await listCampaigns(w.ctx, yChair)).map((c) => c.id)).not.toContain(id);
    });
  });

  describe('instruments', () => {
    it('adapts a version into a new one: next version, based on it, not validated, with an event', async () => {
      const { instrument } = await instrumentView(w.ctx, w.actors.policyAdmin!, 'test-v1');
      const { id: _i, version: _v, basedOn: _b, validated: _val, ...content } = instrument;
      const changed = {
        ...content,
        title: { zh: '修订版问卷', en: 'Adapted survey' },
      };
      const made = await adaptInstrument(
        w.ctx,
        w.actors.policyAdmin!,
        { basedOn: 'test-v1', id: 'test-v2', instrument: changed },
        testCheck,
      );
      expect(made).toEqual({ id: 'test-v2', version: 2, basedOn: 'test-v1' });
      const v2 = await instrumentView(w.ctx, liaison, 'test-v2');
      expect(v2.instrument).toMatchObject({ version: 2, basedOn: 'test-v1', validated: false });
      expect(v2.instrument.title.zh).toBe('修订版问卷');
      // The old version is as it was.
      expect((await instrumentView(w.ctx, liaison, 'test-v1')).instrument.title.zh).toMatch(/测试/);
      const [event] = await w.ctx.store.db
        .select()
        .from(adminEvents)
        .where(eq(adminEvents.action, 'evaluation.instrument_adapt'));
      expect(event).toMatchObject({ targetKind: 'instrument', targetId: 'test-v2' });
      const list = await listInstruments(w.ctx, w.actors.auditor!);
      expect(list.find((i) => i.id === 'test-v1')).toMatchObject({ inUse: true, basedOn: null });
      expect(list.find((i) => i.id === 'test-v2')).toMatchObject({ inUse: false, version: 2 });
    });

    it('refuses an id in use, an invalid instrument, an unknown base, other roles', async () => {
      const adapt = (actor: Actor, over: Partial<Parameters<typeof adaptInstrument>[2]> = {}) =>
        codeOf(
          adaptInstrument(
            w.ctx,
            actor,
            {
              basedOn: 'test-v1',
              id: 'test-v3',
              instrument: { title: { zh: 'x', en: 'x' }, dimensions: [{}] },
              ...over,
            },
            testCheck,
          ),
        );
      expect(await adapt(liaison, { id: 'test-v1' })).toBe('INSTRUMENT_ID_TAKEN');
      expect(await adapt(liaison, { id: 'Test V3' })).toBe('VALIDATION');
      expect(await adapt(liaison, { instrument: { dimensions: [] } })).toBe('INSTRUMENT_INVALID');
      expect(await adapt(liaison, { basedOn: 'nope' })).toBe('INSTRUMENT_NOT_FOUND');
      expect(await adapt(w.actors.chair!)).toBe('FORBIDDEN');
      expect(await adapt(w.actors.admin!)).toBe('FORBIDDEN');
      expect(await codeOf(listInstruments(w.ctx, w.actors.intake!))).toBe('FORBIDDEN');
    });

    it('never changes a version a campaign uses, neither through the app nor in the store', async () => {
      const changed = buildInstrument({ title: { zh: '改过的', en: 'Changed' } });
      expect(await codeOf(installInstruments(w.ctx, [changed]))).toBe('INSTRUMENT_IN_USE');
      const edit = w.ctx.store.db
        .update(evaluationInstruments)
        .set({ body: changed })
        .where(eq(evaluationInstruments.id, 'test-v1'))
        .then(
          () => 'written',
          () => 'refused',
        );
      expect(await edit).toBe('refused');
      // A version no campaign uses may still be replaced by the shipped file.
      const v9 = buildInstrument({ id: 'test-v9', version: 9 });
      expect(await installInstruments(w.ctx, [v9])).toEqual(['test-v9']);
      expect(await installInstruments(w.ctx, [v9])).toEqual([]);
      expect(
        await installInstruments(w.ctx, [{ ...v9, introduction: { zh: '新', en: 'New' } }]),
      ).toEqual(['test-v9']);
      const [row] = await w.ctx.store.db
        .select({ body: evaluationInstruments.body })
        .from(evaluationInstruments)
        .where(like(evaluationInstruments.id, 'test-v9'));
      expect(row!.body.introduction.zh).toBe('新');
    });
  });
});

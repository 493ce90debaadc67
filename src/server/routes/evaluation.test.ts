import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import type { CampaignView, IssueTokensAnswer, SurveyForm } from '../../api/index.js';
import { installInstruments } from '../../app/evaluation/instruments.js';
import { loadShippedInstruments } from '../../evaluation/instrument.js';
import type { Instrument } from '../../evaluation/model.js';
import { buildInstrument, testCheck } from '../../app/evaluation/testing.js';
import type { Schema } from '../../app/tables.js';
import { describeStores } from '../../store/testing/harness.js';
import { buildServer, redactSurveyToken } from '../server.js';
import { SURVEY_RATE } from '../survey-throttle.js';
import { newToken } from '../../app/evaluation/tokens.js';
import { buildHttpWorld, signIn, type Client, type HttpWorld } from '../testing/http.js';

const SHEET = {
  answers: { PE1: 4, PE2: 2, TA1: 5, TA2: null, SU1: 5 },
  demographics: { rank: 'division' },
  openAnswers: { advice: '希望进一步明确容错情形。' },
};

describeStores<Schema>('the evaluation API (/api/evaluation, /api/survey)', (getStore) => {
  let w: HttpWorld;
  let liaison: Client;

  beforeAll(async () => {
    w = await buildHttpWorld(getStore(), { checkInstrument: testCheck });
    await installInstruments(w.ctx, [buildInstrument()]);
    liaison = await signIn(w, 'liaison');
  }, 120_000);

  /** Drafts, opens and issues n tokens through the API. */
  async function campaign(n: number, over: Record<string, unknown> = {}) {
    const made = await liaison.post('/api/evaluation/campaigns', {
      jurisdictionId: w.ids.area,
      title: 'X新区2025年度容错纠错机制实施情况问卷调查',
      instrumentId: 'test-v1',
      invitedUnitIds: [w.ids.unit],
      invitedCount: 50,
      opensOn: '2025-03-03',
      closesOn: '2025-03-31',
      ...over,
    });
    expect(made.statusCode, made.body).toBe(201);
    const c = made.json() as CampaignView;
    expect(c).toMatchObject({ state: 'draft', thresholdK: 5, version: 0 });
    const opened = await liaison.post(`/api/evaluation/campaigns/${c.id}/open`, {
      expectedVersion: 0,
    });
    expect(opened.json()).toEqual({ id: c.id, state: 'open', version: 1 });
    const issued = await liaison.post(`/api/evaluation/campaigns/${c.id}/tokens`, { count: n });
    expect(issued.statusCode).toBe(201);
    return { id: c.id, tokens: (issued.json() as IssueTokensAnswer).tokens };
  }

  const answer = (token: string, body: unknown = SHEET, headers: Record<string, string> = {}) =>
    w.app.inject({ method: 'POST', url: `/api/survey/${token}`, payload: body as object, headers });

  it('runs a campaign: draft, open, tokens, answered without a session, counted', async () => {
    const { id, tokens } = await campaign(3);
    expect(tokens).toHaveLength(3);
    const form = await w.app.inject({ method: 'GET', url: `/api/survey/${tokens[0]}` });
    expect(form.statusCode).toBe(200);
    expect(form.headers['set-cookie']).toBeUndefined();
    expect(form.headers['cache-control']).toBe('no-store');
    const shown = form.json() as SurveyForm;
    expect(Object.keys(shown).sort()).toEqual(['closesOn', 'instrument', 'title']);
    expect(shown.instrument.items).toHaveLength(5);

    const sent = await answer(tokens[0]!);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toEqual({ received: true });
    expect(sent.headers['set-cookie']).toBeUndefined();

    const view = (await liaison.get(`/api/evaluation/campaigns/${id}`)).json() as CampaignView;
    expect(view.counts).toEqual({ tokensIssued: 3, tokensUsed: 1, responses: 1 });
    const chair = await signIn(w, 'chair');
    const list = await chair.get(`/api/evaluation/campaigns?jurisdictionId=${w.ids.area}`);
    expect((list.json() as { campaigns: CampaignView[] }).campaigns.map((c) => c.id)).toContain(id);
    const intake = await signIn(w, 'intake');
    expect((await intake.get('/api/evaluation/campaigns')).statusCode).toBe(403);
    expect(
      (await w.app.inject({ method: 'GET', url: '/api/evaluation/campaigns' })).statusCode,
    ).toBe(401);
  });

  it('uses a token once', async () => {
    const { tokens } = await campaign(1);
    expect((await answer(tokens[0]!)).statusCode).toBe(201);
    // A used token and one never issued get the same answer: the used token's row is gone.
    const again = await answer(tokens[0]!);
    const unknown = await answer('0000-0000-0000-0000-0000-0000-00');
    for (const refused of [again, unknown]) {
      expect(refused.statusCode).toBe(404);
      expect(refused.json()).toMatchObject({ error: { code: 'SURVEY_TOKEN_INVALID' } });
    }
    expect(again.body).toBe(unknown.body);
  });

  it('limits an address that shows too many invalid tokens (429), whatever token it shows next', async () => {
    const { tokens } = await campaign(1);
    const from = (remoteAddress: string, method: 'GET' | 'POST', token: string) =>
      w.app.inject({
        method,
        url: `/api/survey/${token}`,
        remoteAddress,
        ...(method === 'POST' ? { payload: SHEET } : {}),
      });
    const guesser = '203.0.113.7';
    for (let i = 0; i < SURVEY_RATE.max; i++) {
      const r = await from(guesser, i % 2 ? 'POST' : 'GET', newToken());
      expect(r.statusCode).toBe(404);
    }
    for (const method of ['GET', 'POST'] as const) {
      // Even the valid token: a guesser learns nothing while limited.
      const limited = await from(guesser, method, tokens[0]!);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({
        error: {
          code: 'SURVEY_RATE_LIMITED',
          message: { zh: expect.stringContaining('无效问卷令牌过多') },
        },
      });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another address (another meeting room) is not limited; the token still works there.
    expect((await from('198.51.100.9', 'POST', tokens[0]!)).statusCode).toBe(201);
  });

  it('refuses answers after the campaign is closed', async () => {
    const { id, tokens } = await campaign(2);
    const closed = await liaison.post(`/api/evaluation/campaigns/${id}/close`, {
      expectedVersion: 1,
    });
    expect(closed.json()).toMatchObject({ state: 'closed', version: 2 });
    const late = await answer(tokens[0]!);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: { code: 'SURVEY_CLOSED' } });
    expect(
      (await w.app.inject({ method: 'GET', url: `/api/survey/${tokens[1]}` })).statusCode,
    ).toBe(409);
  });

  it('refuses k under 5 and free text under k', async () => {
    const base = {
      jurisdictionId: w.ids.area,
      title: '问卷调查',
      instrumentId: 'test-v1',
      invitedUnitIds: [w.ids.unit],
      invitedCount: 10,
      opensOn: '2025-03-03',
      closesOn: '2025-03-31',
    };
    const k4 = await liaison.post('/api/evaluation/campaigns', { ...base, thresholdK: 4 });
    expect(k4.statusCode).toBe(400);
    expect(k4.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    const free = await liaison.post('/api/evaluation/campaigns', {
      ...base,
      thresholdK: 9,
      freeTextThreshold: 8,
    });
    expect(free.statusCode).toBe(400);
    expect(free.json()).toMatchObject({
      error: { code: 'VALIDATION', details: { field: 'freeTextThreshold' } },
    });
  });

  it('checks answers against the instrument: unknown item, off the scale, not an option', async () => {
    const { tokens } = await campaign(1);
    const t = tokens[0]!;
    const code = async (body: unknown) =>
      ((await answer(t, body)).json() as { error: { code: string } }).error.code;
    expect(await code({ answers: { ZZ1: 3 } })).toBe('SURVEY_UNKNOWN_QUESTION');
    expect(await code({ answers: { PE1: 7 } })).toBe('SURVEY_VALUE_OFF_SCALE');
    expect(await code({ answers: { PE1: 2.5 } })).toBe('VALIDATION');
    expect(await code({ answers: {}, demographics: { rank: 'minister' } })).toBe(
      'SURVEY_NOT_AN_OPTION',
    );
    expect(await code({ answers: {} })).toBe('SURVEY_EMPTY');
    expect((await answer(t, { answers: { PE1: 1 } })).statusCode).toBe(201);
  });

  it('stores nothing that ties a response to its token: the columns of both tables', async () => {
    const { id, tokens } = await campaign(5);
    for (const t of tokens.slice(0, 3)) {
      const r = await answer(t, SHEET, { 'user-agent': 'Mozilla/5.0 (iPhone) test-agent-xyz' });
      expect(r.statusCode).toBe(201);
    }
    const responses = (
      await w.ctx.store.query<Record<string, unknown>>(
        'SELECT * FROM survey_responses WHERE campaign_id = $1',
        [id],
      )
    ).rows;
    const tokenRows = (
      await w.ctx.store.query<Record<string, unknown>>(
        'SELECT * FROM survey_tokens WHERE campaign_id = $1',
        [id],
      )
    ).rows;
    expect(responses).toHaveLength(3);
    // Exactly these columns, and no others (no token, user, address, agent or time).
    expect(Object.keys(responses[0]!).sort()).toEqual(
      ['answers', 'campaign_id', 'demographics', 'id', 'open_answers', 'submitted_on'].sort(),
    );
    // The used tokens' rows are gone; the two unused ones keep their hash and campaign.
    expect(tokenRows).toHaveLength(2);
    expect(Object.keys(tokenRows[0]!).sort()).toEqual(['campaign_id', 'token_hash']);
    // No value of a response is a token, a token's hash, the agent or an address.
    const hashes = tokens.map((t) => createHash('sha256').update(t).digest('hex'));
    const text = JSON.stringify(responses);
    for (const s of [...tokens, ...hashes, 'test-agent-xyz', '127.0.0.1']) {
      expect(text).not.toContain(s);
    }
    for (const r of responses) expect(r['submitted_on']).toBeNull();
    // The only value both tables share is the campaign.
    const responseValues = new Set(
      responses.flatMap((r) => Object.values(r).map((v) => JSON.stringify(v))),
    );
    const shared = tokenRows
      .flatMap((r) => Object.entries(r))
      .filter(([, v]) => responseValues.has(JSON.stringify(v)))
      .map(([k]) => k);
    expect([...new Set(shared)]).toEqual(['campaign_id']);
    // Nor do the transaction ids: no live token row was written by a submission.
    const xmins = async (table: string) =>
      (
        await w.ctx.store.query<{ x: string }>(
          `SELECT xmin::text AS x FROM ${table} WHERE campaign_id = $1`,
          [id],
        )
      ).rows.map((r) => r.x);
    const xTokens = new Set(await xmins('survey_tokens'));
    expect((await xmins('survey_responses')).filter((x) => xTokens.has(x))).toEqual([]);
  });

  it('passes the CSRF layer without a session, but not from another site', async () => {
    const { tokens } = await campaign(2);
    // A signed-in browser's cookie without the CSRF header does not matter: the route reads no session.
    const withCookie = await w.app.inject({
      method: 'POST',
      url: `/api/survey/${tokens[0]}`,
      cookies: { rongcuo_session: liaison.cookie },
      payload: SHEET,
    });
    expect(withCookie.statusCode).toBe(201);
    const crossSite = await answer(tokens[1]!, SHEET, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json()).toMatchObject({ error: { code: 'CSRF_INVALID' } });
    expect((await answer(tokens[1]!, SHEET, { 'sec-fetch-site': 'same-origin' })).statusCode).toBe(
      201,
    );
  });

  it('writes no token in any log line', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = await buildServer(w.ctx, { logger: { level: 'trace', stream } });
    await logged.ready();
    const { tokens } = await campaign(2);
    const [t] = tokens;
    await logged.inject({ method: 'GET', url: `/api/survey/${t}` });
    await logged.inject({
      method: 'POST',
      url: `/api/survey/${t}`,
      payload: { answers: { XX: 1 } },
    });
    await logged.inject({ method: 'POST', url: `/api/survey/${t}`, payload: SHEET });
    await logged.inject({ method: 'POST', url: `/api/survey/${t}`, payload: SHEET });
    await logged.inject({ method: 'GET', url: `/api/survey/${t}/more?x=1` });
    await logged.inject({ method: 'GET', url: '/api/health' });
    await logged.close();
    // The logger works (the health check is logged) and the survey paths are written without the token.
    expect(lines.some((l) => l.includes('/api/health'))).toBe(true);
    expect(lines.some((l) => l.includes('/api/survey/…/more'))).toBe(true);
    // The request line's other fields are kept (src/server/observability.ts, the path redacted).
    expect(lines.some((l) => l.includes('/api/survey/…/more') && l.includes('"status":404'))).toBe(
      true,
    );
    for (const l of lines) {
      expect(l).not.toContain(t);
      expect(l).not.toContain(t!.toLowerCase());
    }
    expect(redactSurveyToken('/api/survey/ABCD-EF?x=1')).toBe('/api/survey/…?x=1');
  });

  it('adapts an instrument through the API, and refuses an id in use', async () => {
    const policyAdmin = await signIn(w, 'policyAdmin');
    const got = await policyAdmin.get('/api/evaluation/instruments/test-v1');
    expect(got.statusCode).toBe(200);
    const { instrument } = got.json() as { instrument: Record<string, unknown> };
    const { id: _i, version: _v, basedOn: _b, validated: _val, ...content } = instrument;
    const body = { basedOn: 'test-v1', id: 'test-api-v2', instrument: content };
    const made = await policyAdmin.post('/api/evaluation/instruments', body);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toEqual({ id: 'test-api-v2', version: 2, basedOn: 'test-v1' });
    const again = await policyAdmin.post('/api/evaluation/instruments', body);
    expect(again.json()).toMatchObject({ error: { code: 'INSTRUMENT_ID_TAKEN' } });
    const list = await policyAdmin.get('/api/evaluation/instruments');
    expect(
      (list.json() as { instruments: { id: string }[] }).instruments.map((i) => i.id),
    ).toContain('test-api-v2');
  });

  it('adapts the shipped seed000-v1 with the loader’s rules, and answers it on the answering page', async () => {
    await installInstruments(w.ctx, loadShippedInstruments());
    // The server's own check: the instrument loader's parser.
    const server = await buildServer(w.ctx, { checkResponses: true });
    const policyAdmin = await signIn(w, 'policyAdmin');
    const as = (method: 'GET' | 'POST', url: string, payload?: object) =>
      server.inject({
        method,
        url,
        cookies: { rongcuo_session: policyAdmin.cookie },
        headers: { 'x-csrf-token': policyAdmin.csrfToken },
        ...(payload ? { payload } : {}),
      });
    const got = await as('GET', '/api/evaluation/instruments/seed000-v1');
    expect(got.statusCode, got.body).toBe(200);
    const seed = (got.json() as { instrument: Instrument }).instrument;
    const { id: _i, version: _v, basedOn: _b, validated: _val, ...content } = seed;
    const made = await as('POST', '/api/evaluation/instruments', {
      basedOn: 'seed000-v1',
      id: 'seed000-v2',
      instrument: { ...content, title: { zh: '修订版', en: 'Adapted' } },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toEqual({ id: 'seed000-v2', version: 2, basedOn: 'seed000-v1' });
    // A factor left with one item breaks the loader's rule (3–5): every problem is listed.
    const [d0] = content.dimensions;
    const broken = {
      ...content,
      dimensions: [
        { ...d0!, factors: [{ ...d0!.factors[0]!, items: [d0!.factors[0]!.items[0]!] }] },
        ...content.dimensions.slice(1),
      ],
    };
    const bad = await as('POST', '/api/evaluation/instruments', {
      basedOn: 'seed000-v1',
      id: 'seed000-v3',
      instrument: broken,
    });
    expect(bad.statusCode).toBe(422);
    type Problem = { field: string | null; code: string; message: { zh: string; en: string } };
    const problems = (bad.json() as { error: { details: { instrumentProblems: Problem[] } } }).error
      .details.instrumentProblems;
    // Each problem names its field apart from what to do, for a form to put it there.
    const onItems = problems.find((p) => p.field === 'dimensions[0].factors[0].items');
    expect(onItems?.message.zh).toBeTruthy();
    expect(onItems?.message.zh).not.toContain('dimensions');

    // A campaign on seed000-v1, answered on its page.
    await server.close();
    const { tokens } = await campaign(1, { instrumentId: 'seed000-v1' });
    const form = await w.app.inject({ method: 'GET', url: `/api/survey/${tokens[0]}` });
    expect(form.statusCode, form.body).toBe(200);
    const shown = form.json() as SurveyForm;
    const answers = Object.fromEntries(shown.instrument.items.map((i, n) => [i.id, 1 + (n % 5)]));
    const demographics = Object.fromEntries(
      shown.instrument.demographics.map((d) => [d.id, d.options[0]!.value]),
    );
    const sent = await answer(tokens[0]!, { answers, demographics });
    expect(sent.statusCode, sent.body).toBe(201);
  });

  it('is in the API description', async () => {
    const doc = (await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    for (const p of [
      '/api/evaluation/campaigns',
      '/api/evaluation/campaigns/{id}',
      '/api/evaluation/campaigns/{id}/open',
      '/api/evaluation/campaigns/{id}/close',
      '/api/evaluation/campaigns/{id}/tokens',
      '/api/evaluation/instruments',
      '/api/evaluation/instruments/{id}',
      '/api/survey/{token}',
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
    // The answering endpoints need no session.
    const survey = doc.paths['/api/survey/{token}'] as Record<string, { security?: unknown }>;
    expect(survey['get']!.security).toEqual([]);
    expect(survey['post']!.security).toEqual([]);
  });
});

/**
 * Implementation evaluation (issue 12): survey campaigns, tokens and instruments for the signed-in
 * (src/app/evaluation/), and the public answering endpoints GET/POST /api/survey/{token}.
 *
 * The public endpoints need no session and set no cookie (no session is read, so none is made);
 * they pass the CSRF layer as the sign-in does — no session to hold a CSRF token, so a POST is
 * refused only when the browser says it comes from another site or origin (checkSameOrigin). The
 * token is in their path: these routes log nothing at all (`logLevel: 'silent'`), and the
 * server's request serializer writes any /survey/ path without it (server.ts), so that no log
 * line the server writes carries a token.
 */
import type { FastifyInstance } from 'fastify';
import {
  AdaptInstrumentAnswer,
  AdaptInstrumentBody,
  CampaignChangeAnswer,
  CampaignChangeBody,
  CampaignIdParams,
  CampaignList,
  CampaignsQuery,
  CampaignView,
  CreateCampaignBody,
  InstrumentIdParams,
  InstrumentList,
  InstrumentView,
  IssueTokensAnswer,
  IssueTokensBody,
  SurveyAnswerAnswer,
  SurveyAnswerBody,
  SurveyForm,
  SurveyTokenParams,
} from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { adaptInstrument } from '../../app/evaluation/adapt-instrument.js';
import { checkInstrument } from '../../app/evaluation/instrument-check.js';
import { campaignView, listCampaigns } from '../../app/evaluation/campaign-view.js';
import { closeCampaign } from '../../app/evaluation/close-campaign.js';
import { createCampaign } from '../../app/evaluation/create-campaign.js';
import { instrumentView, listInstruments } from '../../app/evaluation/instrument-view.js';
import type { InstrumentCheck } from '../../app/evaluation/instruments.js';
import { issueTokens } from '../../app/evaluation/issue-tokens.js';
import { openCampaign } from '../../app/evaluation/open-campaign.js';
import { submitResponse } from '../../app/evaluation/submit-response.js';
import { surveyForm } from '../../app/evaluation/survey.js';
import { AppError } from '../../app/errors.js';
import { actorOf, checkSameOrigin } from '../auth/authenticate.js';
import { SURVEY_RATE, SurveyThrottle } from '../survey-throttle.js';
import { responses, typed } from '../schemas.js';

export interface EvaluationRouteOptions {
  readonly ctx: AppContext;
  /** Checks an adapted instrument; default the instrument loader's parser (instrument-check.ts). */
  readonly checkInstrument?: InstrumentCheck;
  readonly allowedOrigins?: readonly string[];
  /** Counts invalid tokens per address on the public routes (default: a fresh one, in memory). */
  readonly surveyThrottle?: SurveyThrottle;
}

const TAG = ['evaluation'];

export async function evaluationRoutes(base: FastifyInstance, opts: EvaluationRouteOptions) {
  const { ctx } = opts;
  const app = typed(base);
  const throttle = opts.surveyThrottle ?? new SurveyThrottle();

  /** Runs a public survey look-up unless the address is limited; an invalid token counts. */
  async function throttled<T>(address: string, run: () => Promise<T>): Promise<T> {
    throttle.check(address, ctx.now().getTime());
    try {
      return await run();
    } catch (e) {
      if (e instanceof AppError && e.code === 'SURVEY_TOKEN_INVALID') {
        throttle.fail(address, ctx.now().getTime());
      }
      throw e;
    }
  }

  app.get(
    '/evaluation/campaigns',
    {
      schema: {
        tags: TAG,
        summary: '问卷调查列表 · Survey campaigns',
        description:
          'The campaigns of the reader’s jurisdictions (and those below), with tokens issued and used and responses submitted. For the organization department’s liaison, committee chairs, auditors and administrators (403 FORBIDDEN for others). The responses themselves are not shown.',
        querystring: CampaignsQuery,
        response: responses({ 200: CampaignList }),
      },
    },
    async (req) => ({ campaigns: await listCampaigns(ctx, actorOf(req), req.query) }),
  );

  app.get(
    '/evaluation/campaigns/:id',
    {
      schema: {
        tags: TAG,
        summary: '问卷调查 · A survey campaign',
        description: 'One campaign in the reader’s scope (404 CAMPAIGN_NOT_FOUND otherwise).',
        params: CampaignIdParams,
        response: responses({ 200: CampaignView }),
      },
    },
    async (req) => campaignView(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/evaluation/campaigns',
    {
      schema: {
        tags: TAG,
        summary: '新建问卷调查 · Draft a survey campaign',
        description:
          'A draft campaign of a jurisdiction: the instrument version, the units and number of cadres invited, the days it is open, the reporting thresholds (k ≥ 5, free text ≥ k) and whether a response keeps its day. The organization department’s liaison of the jurisdiction or above.',
        body: CreateCampaignBody,
        response: responses({ 201: CampaignView }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { id } = await createCampaign(ctx, actor, req.body);
      reply.status(201);
      return campaignView(ctx, actor, id);
    },
  );

  for (const [path, change, summary] of [
    ['open', openCampaign, '开启问卷调查 · Open a campaign for answers'],
    ['close', closeCampaign, '结束问卷调查 · Close a campaign'],
  ] as const) {
    app.post(
      `/evaluation/campaigns/:id/${path}`,
      {
        schema: {
          tags: TAG,
          summary,
          description:
            'draft → open, or open → closed (409 CAMPAIGN_STATE otherwise; a closed campaign is never reopened). expectedVersion is the version the reader saw (409 CAMPAIGN_VERSION_CONFLICT when stale). Recorded in the administration trail.',
          params: CampaignIdParams,
          body: CampaignChangeBody,
          response: responses({ 200: CampaignChangeAnswer }),
        },
      },
      async (req) => change(ctx, actorOf(req), { campaignId: req.params.id, ...req.body }),
    );
  }

  app.post(
    '/evaluation/campaigns/:id/tokens',
    {
      schema: {
        tags: TAG,
        summary: '发放令牌 · Issue one-time tokens',
        description:
          'n one-time tokens for a draft or open campaign, never more in all than the cadres invited (409 CAMPAIGN_TOKENS_EXCEED_INVITED). The tokens are in this answer only: the server keeps their SHA-256 hashes, not the tokens.',
        params: CampaignIdParams,
        body: IssueTokensBody,
        response: responses({ 201: IssueTokensAnswer }),
      },
    },
    async (req, reply) => {
      const issued = await issueTokens(ctx, actorOf(req), {
        campaignId: req.params.id,
        count: req.body.count,
      });
      reply.status(201);
      return issued;
    },
  );

  app.get(
    '/evaluation/instruments',
    {
      schema: {
        tags: TAG,
        summary: '问卷版本 · Survey instruments',
        description:
          'Every instrument version, with whether a campaign uses it (then it never changes).',
        response: responses({ 200: InstrumentList }),
      },
    },
    async (req) => ({ instruments: await listInstruments(ctx, actorOf(req)) }),
  );

  app.get(
    '/evaluation/instruments/:id',
    {
      schema: {
        tags: TAG,
        summary: '问卷内容 · An instrument version',
        params: InstrumentIdParams,
        response: responses({ 200: InstrumentView }),
      },
    },
    async (req) => instrumentView(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/evaluation/instruments',
    {
      schema: {
        tags: TAG,
        summary: '修订问卷 · Adapt an instrument into a new version',
        description:
          'Copies a version into a new id with the content given (version + 1, basedOn, not validated). An id in use is refused (409 INSTRUMENT_ID_TAKEN); an invalid instrument gets 422 INSTRUMENT_INVALID with its problems. Policy administrators and the organization department’s liaison.',
        body: AdaptInstrumentBody,
        response: responses({ 201: AdaptInstrumentAnswer }),
      },
    },
    async (req, reply) => {
      const made = await adaptInstrument(
        ctx,
        actorOf(req),
        req.body,
        opts.checkInstrument ?? checkInstrument,
      );
      reply.status(201);
      return made;
    },
  );

  // ---- public: the answering page's endpoints ----

  app.get(
    '/survey/:token',
    {
      config: { public: true },
      logLevel: 'silent',
      schema: {
        tags: TAG,
        security: [],
        summary: '问卷（匿名填写）· The survey for a token (public)',
        description: `No session. The campaign’s title and closing day and the instrument’s questions in both languages, for a token that is unused and whose campaign is open today (404 SURVEY_TOKEN_INVALID for a token used or never issued, alike; 409 SURVEY_NOT_OPEN, SURVEY_CLOSED). After ${SURVEY_RATE.max} invalid tokens from one address in ${SURVEY_RATE.windowMs / 60_000} minutes, 429 SURVEY_RATE_LIMITED with Retry-After, whatever the token.`,
        params: SurveyTokenParams,
        response: responses({ 200: SurveyForm }),
      },
    },
    async (req) => throttled(req.ip, () => surveyForm(ctx, req.params.token)),
  );

  app.post(
    '/survey/:token',
    {
      config: { public: true },
      logLevel: 'silent',
      schema: {
        tags: TAG,
        security: [],
        summary: '提交答卷（匿名）· Submit answers (public)',
        description:
          'No session, no cookie. Uses the token and stores the answers in one transaction; nothing stored ties them to the token or the person (no time, address or agent). Blanks are allowed; an unknown item (422 SURVEY_UNKNOWN_QUESTION), a value off the scale (SURVEY_VALUE_OFF_SCALE) or a background answer not among the options (SURVEY_NOT_AN_OPTION) is refused and the token stays unused. Invalid tokens count towards the same limit per address as the GET (429 SURVEY_RATE_LIMITED).',
        params: SurveyTokenParams,
        body: SurveyAnswerBody,
        response: responses({ 201: SurveyAnswerAnswer }),
      },
    },
    async (req, reply) => {
      checkSameOrigin(req, opts.allowedOrigins ?? []);
      const done = await throttled(req.ip, () => submitResponse(ctx, req.params.token, req.body));
      reply.status(201);
      return done;
    },
  );
}

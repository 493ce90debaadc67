/**
 * The API description: OpenAPI 3.1 generated from the route schemas (@fastify/swagger), served as
 * JSON at /api/openapi.json and browsable at /api/docs (Swagger UI). The description is public:
 * it lists the endpoints and their fields, never any data.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from './auth/authenticate.js';
import { docsCsp } from './security.js';

export const TAGS = [
  { name: 'auth', description: '登录与会话 · Sign-in and sessions' },
  {
    name: 'admin',
    description:
      '系统管理：用户、角色与范围，组织，日历 · Administration: users, roles and scopes, organization, calendars',
  },
  {
    name: 'audit',
    description:
      '安全审计：阅卷日志、管理操作记录、安全事件、审计链校验 · Security audit: read log, administration events, security events, chain verification',
  },
  { name: 'cases', description: '案件办理 · Cases and their procedure' },
  { name: 'dashboard', description: '仪表盘 · Dashboard for managers' },
  { name: 'correction', description: '纠错整改与谈心谈话 · Correction and talks' },
  { name: 'clearing', description: '澄清正名 · Name clearing' },
  { name: 'evidence', description: '证据材料 · Evidence' },
  { name: 'evaluation', description: '实施评估 · Evaluation of implementation' },
  {
    name: 'matters',
    description: '问责事项与问责衔接 · Accountability matters and their linkage with tolerance',
  },
  { name: 'notifications', description: '提醒 · Notifications' },
  { name: 'officials', description: '干部 · Officials' },
  { name: 'risk filings', description: '事前风险报备 · Ex-ante risk filings' },
  { name: 'results', description: '结果运用 · Result application for the HR systems' },
  { name: 'policy', description: '政策包与初步评估 · Policy packs and preliminary assessment' },
  { name: 'system', description: '系统 · System' },
  { name: 'visits', description: '回访 · Follow-up visits' },
  {
    name: 'evaluation',
    description: '政策执行评估与匿名问卷 · Implementation evaluation and anonymous surveys',
  },
];

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    // Shared schemas appear as components under their $id (Case, CaseSummary, Error, the
    // recursive Condition, Failure, EvaluationFailure and JsonValue): src/server/schemas.ts.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`,
    },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'rongcuo API — 容错纠错机制',
        version,
        description: [
          '容错纠错案件办理接口。所有响应的提示信息均同时提供中文和英文。',
          'The JSON API of rongcuo, the fault-tolerance and error-correction mechanism for public officials.',
          '',
          'Sign in with POST /api/auth/login. Browsers then hold an HttpOnly session cookie and send',
          'the csrfToken from the login answer as X-CSRF-Token on every POST; API clients may send',
          'the session token as `Authorization: Bearer <token>` instead (no CSRF token needed).',
          'Every change to a case takes the `expectedVersion` the user saw; a stale version gets',
          '409 CASE_VERSION_CONFLICT. Errors are `{ error: { code, message: { zh, en }, details } }`.',
        ].join('\n'),
        license: { name: 'MulanPSL-2.0', identifier: 'MulanPSL-2.0' },
      },
      tags: TAGS,
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: `The session cookie (named ${SECURE_SESSION_COOKIE} over HTTPS); POSTs also need the X-CSRF-Token header.`,
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'The session token from POST /api/auth/login, for API clients.',
          },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: false },
    staticCSP: false,
    transformStaticCSP: docsCsp,
  });
}

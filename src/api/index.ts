/**
 * The API's shapes, declared once: every request and response of /api as a TypeBox schema (JSON
 * Schema 2020-12) with its TypeScript type. The server's routes validate, serialize and document
 * with them (src/server); the web app imports the types (web/src/types.ts). Pure: TypeBox and the
 * pure domain only (lint keeps it so).
 */
export * from './common.js';
export * from './cases.js';
export * from './case-actions.js';
export * from './policy.js';
export * from './deliberation.js';
export * from './auth.js';
export * from './two-factors.js';
export * from './admin.js';
export * from './officials.js';
export * from './risk-filings.js';
export * from './dashboard.js';
export * from './evaluation-indicators.js';
export * from './todos.js';
export * from './documents.js';
export * from './numbering.js';
export * from './corrections.js';
export * from './correction-views.js';
export * from './clearings.js';
export * from './clearing-views.js';
export * from './results.js';
export * from './visits.js';
export * from './evaluation.js';
export * from './evaluation-report.js';
export * from './notifications.js';
export * from './matters.js';
export * from './matter-views.js';
export * from './official-record.js';
export * from './joint-matters.js';
export * from './health.js';
export * from './audit.js';
export * from './sessions.js';
export * from './sso.js';

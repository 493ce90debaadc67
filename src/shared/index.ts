/**
 * What the server defines and the web app needs, defined once: the case procedure's vocabulary
 * (case.ts), roles and the organization's vocabularies (roles.ts), and the API's limits
 * (limits.ts). Pure data, no I/O and no Node modules: the server, the app layer and the web app
 * (through Vite) import it alike; src/shared/no-copies.test.ts keeps the web app from copying it.
 */
export * from './case.js';
export * from './limits.js';
export * from './roles.js';
export * from './time.js';
export * from './documents.js';
export * from './id-card.js';
export * from './numbering.js';
export * from './tasks.js';
export * from './corrections.js';
export * from './visits.js';
export * from './evaluation.js';
export * from './figures.js';
export * from './notifications.js';
export * from './clearings.js';
export * from './matters.js';
export { bareTitle, inTitleMarks } from '../policy/title-marks.js';
export * from './joint.js';
export * from './security-events.js';
export * from './audit-labels.js';
export * from './passwords.js';
export * from './sso.js';

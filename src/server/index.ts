/** The HTTP server: `buildServer` (tests, embedding) and `startServer` (the CLI). */
export {
  buildServer,
  startServer,
  BODY_LIMIT,
  type ServerOptions,
  type StartServerOptions,
  type StartedServer,
} from './server.js';
export { sessionTimes } from './auth/sessions.js';
export { LOGIN_RATE, LOCKOUT } from './auth/login.js';
export { logOptions, type LogDestination } from './observability.js';

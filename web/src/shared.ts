/**
 * What the server defines and the web app needs — the case vocabulary, roles, the API's limits —
 * imported from the one definition in src/shared/ (pure data, bundled by Vite). Never copy a list
 * or a limit from there into web/: src/shared/no-copies.test.ts fails when one is.
 */
export * from '../../src/shared/index';

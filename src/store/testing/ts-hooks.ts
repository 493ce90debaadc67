/**
 * Lets plain `node` run this repository's TypeScript sources (Node ≥ 22.18 strips types itself):
 * a relative import of `./x.js` that does not exist resolves to `./x.ts`. For child processes in
 * tests: `node --import ./src/store/testing/ts-hooks.ts script.ts`.
 */
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (e) {
      if (/^\.\.?\//.test(specifier) && specifier.endsWith('.js')) {
        return nextResolve(specifier.slice(0, -3) + '.ts', context);
      }
      throw e;
    }
  },
});

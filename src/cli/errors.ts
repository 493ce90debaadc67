/** Errors the CLI reports as one line and exit code 2: bad usage or bad input. */
import type { I18nText } from '../policy/model.js';

export class CliError extends Error {
  constructor(
    readonly text: I18nText,
    /** Exit code: 2 for usage and input errors. */
    readonly exitCode = 2,
  ) {
    super(text.en);
    this.name = 'CliError';
  }
}

export function cliFail(zh: string, en: string): never {
  throw new CliError({ zh, en });
}

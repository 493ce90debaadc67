/** What every command receives. */
import type { Lang } from '../../policy/model.js';
import type { ParsedArgs } from '../args.js';
import type { Io } from '../io.js';

export interface CommandContext {
  readonly io: Io;
  readonly lang: Lang;
  readonly args: ParsedArgs;
}

export function out(ctx: CommandContext, text: string): void {
  ctx.io.stdout.write(text);
}

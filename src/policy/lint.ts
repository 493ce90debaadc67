/**
 * The linter: everything checkStructure finds, plus what needs reasoning over the rules —
 * rules that can never apply, contradictory conditions, decision entries that can never decide,
 * fact combinations with no outcome, a local pack that tolerates what its parent excludes,
 * overlapping or gapped version windows, rules without a clause.
 */
import type { Diagnostic } from './errors.js';
import type { Pack } from './model.js';
import type { PackSet } from './resolve.js';

export interface LintReport {
  readonly pack: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
}

export function lintPack(_set: PackSet, pack: Pack): LintReport {
  // Implemented in the next commit.
  return { pack: pack.id, diagnostics: [], errors: 0, warnings: 0 };
}

/** The departments the policy packs name for consultation, for the grants editor's choices. */
import type { AppContext } from '../context.js';

/**
 * Every department code a version of a loaded pack names under procedure.consultation, in the
 * order first named: the codes a consultation sends requests to, so the codes a consulted
 * department's officer answers for.
 */
export function consultedDepartments(ctx: AppContext): string[] {
  const out = new Set<string>();
  const packs = ctx.engine.packs;
  for (const id of packs.ids()) {
    const pack = packs.get(id);
    for (const version of pack.versions) {
      const procedure = packs.effective(pack, version).procedure;
      for (const d of procedure.consultation.departments) out.add(d);
    }
  }
  return [...out];
}

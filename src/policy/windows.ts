/** Effective windows of a pack's versions: overlaps are errors, gaps are warnings. */
import { addDays } from './dates.js';
import { diag, type Diagnostic } from './errors.js';
import type { Pack } from './model.js';

export function windowProblems(p: Pack): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const v of p.versions) {
    if (v.to !== undefined && v.to < v.from) {
      out.push(
        diag(
          'PACK_WINDOW_INVERTED',
          'error',
          `版本“${v.id}”的失效日期 ${v.to} 早于生效日期 ${v.from}。`,
          `version '${v.id}' ends (${v.to}) before it starts (${v.from}).`,
          v.at,
        ),
      );
    }
  }
  const ids = new Set<string>();
  for (const v of p.versions) {
    if (ids.has(v.id)) {
      out.push(
        diag(
          'PACK_DUPLICATE_VERSION',
          'error',
          `版本标识“${v.id}”重复。`,
          `version id '${v.id}' is used twice.`,
          v.at,
        ),
      );
    }
    ids.add(v.id);
  }
  const published = p.versions
    .filter((v) => v.status === 'published')
    .slice()
    .sort((a, b) => (a.from < b.from ? -1 : 1));
  for (let i = 1; i < published.length; i++) {
    const prev = published[i - 1]!;
    const cur = published[i]!;
    if (prev.to === undefined || prev.to >= cur.from) {
      out.push(
        diag(
          'PACK_WINDOW_OVERLAP',
          'error',
          `版本“${prev.id}”（${prev.from} – ${prev.to ?? '长期'}）与版本“${cur.id}”（${cur.from} 起）的生效期重叠；同一日期只能有一个版本施行。请给前一版本设置 to: ${addDays(cur.from, -1)}。`,
          `versions '${prev.id}' (${prev.from} – ${prev.to ?? 'open'}) and '${cur.id}' (from ${cur.from}) overlap; only one version may be in force on a date. Set to: ${addDays(cur.from, -1)} on the earlier one.`,
          cur.at,
        ),
      );
    } else if (addDays(prev.to, 1) !== cur.from) {
      out.push(
        diag(
          'PACK_WINDOW_GAP',
          'warning',
          `版本“${prev.id}”于 ${prev.to} 失效，版本“${cur.id}”自 ${cur.from} 起施行，中间没有施行的版本；期间发生的行为将无法评估。`,
          `version '${prev.id}' ends on ${prev.to} and '${cur.id}' starts on ${cur.from}: no version is in force in between, so conduct in that gap cannot be evaluated.`,
          cur.at,
        ),
      );
    }
  }
  return out;
}

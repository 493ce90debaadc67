/**
 * The policy engine's public face: pick the version in force, apply the more lenient later
 * version where it helps the official (从旧兼从轻), evaluate, explain.
 */
import { CompiledPolicy } from './compile.js';
import { isIsoDate } from './dates.js';
import { fail } from './errors.js';
import { asUndetermined, explain, type Explained } from './explain.js';
import { assertFacts } from './facts.js';
import { inTitleMarks } from './title-marks.js';
import type { FactDecl, Facts, I18nText, Pack, PackVersion } from './model.js';
import type { EffectivePolicy, PackSet } from './resolve.js';

export interface EvaluateOptions {
  /** Date of the conduct (YYYY-MM-DD): selects the version in force. */
  readonly at: string;
  /** Date of decision: if the version then in force is more favourable, it applies. */
  readonly decidedAt?: string;
  /** Check the facts against the declared vocabulary first (default true). */
  readonly validate?: boolean;
}

export interface TimeNote {
  readonly conductDate: string;
  readonly decisionDate?: string;
  readonly conductVersion: string;
  /**
   * Set when the conduct came before this pack took effect: the ancestor whose version in force
   * then (`conductVersion`) applies to it.
   */
  readonly conductPack?: string;
  readonly decisionVersion?: string;
  /** Which version's outcome applies. */
  readonly applied: 'conduct' | 'decision';
  /** True when the later version applies because it is more favourable. */
  readonly moreLenientLaterVersion: boolean;
  readonly note: I18nText;
}

export interface Evaluation extends Explained {
  readonly pack: string;
  readonly packTitle: I18nText;
  readonly version: string;
  /** The versions applied, this pack first and then its ancestors. */
  readonly chain: readonly { readonly pack: string; readonly version: string }[];
  readonly time: TimeNote;
  readonly notice?: I18nText;
}

export class PolicyEngine {
  private readonly compiledCache = new Map<string, CompiledPolicy>();

  constructor(readonly packs: PackSet) {}

  compile(eff: EffectivePolicy): CompiledPolicy {
    let c = this.compiledCache.get(eff.key);
    if (!c) {
      c = CompiledPolicy.compile(eff);
      this.compiledCache.set(eff.key, c);
    }
    return c;
  }

  /** The compiled policy of a pack in force on a date. */
  at(packId: string, date: string): CompiledPolicy {
    checkDate(date, 'at');
    const p = this.packs.get(packId);
    const v = this.packs.requireVersionAt(p, date);
    return this.compile(this.packs.effective(p, v, date));
  }

  /** The compiled policy of a given version (published or draft), with ancestors as of `date`. */
  version(packId: string, versionId: string, date?: string): CompiledPolicy {
    const p = this.packs.get(packId);
    const v = this.packs.version(p, versionId);
    return this.compile(this.packs.effective(p, v, date ?? v.from));
  }

  evaluate(packId: string, facts: Facts, opts: EvaluateOptions): Evaluation {
    checkDate(opts.at, 'at');
    if (opts.decidedAt !== undefined) {
      checkDate(opts.decidedAt, 'decided-at');
      if (opts.decidedAt < opts.at) {
        fail(
          'POLICY_DECIDED_BEFORE_CONDUCT',
          `决定日期 ${opts.decidedAt} 早于行为发生日期 ${opts.at}。`,
          `the decision date ${opts.decidedAt} is before the date of the conduct ${opts.at}.`,
        );
      }
    }
    const p = this.packs.get(packId);
    const { policy: conduct, fallback } = this.conductPolicy(p, opts.at);
    if (opts.validate !== false) {
      // Under an ancestor's rules the facts are still the local measure's: those the ancestor
      // does not know are checked against the measure's own first version, then not weighed.
      assertFacts(facts, fallback ? this.withOwnFacts(p, conduct) : conduct.eff.facts);
    }
    const decision =
      opts.decidedAt !== undefined && opts.decidedAt !== opts.at
        ? this.at(packId, opts.decidedAt)
        : undefined;
    const from = fallback ? { conductPack: fallback.id } : {};
    if (!decision || decision === conduct) {
      return this.result(p, conduct, explain(conduct, conduct.withContext(facts, opts.at)), {
        conductDate: opts.at,
        ...(opts.decidedAt ? { decisionDate: opts.decidedAt } : {}),
        conductVersion: conduct.eff.version.id,
        ...from,
        ...(decision ? { decisionVersion: decision.eff.version.id } : {}),
        applied: 'conduct',
        moreLenientLaterVersion: false,
        note: fallback
          ? fallbackNote(p, fallback, conduct.eff.version, opts.at)
          : sameVersionNote(conduct.eff.version, opts.at),
      });
    }
    if (opts.validate !== false) assertFacts(facts, decision.eff.facts);
    const e = this.lenient(p, conduct, decision, facts, opts.at, opts.decidedAt!);
    if (!fallback) return e;
    const before = fallbackNote(p, fallback, conduct.eff.version, opts.at);
    return {
      ...e,
      time: {
        ...e.time,
        ...from,
        note: { zh: `${before.zh}${e.time.note.zh}`, en: `${before.en} ${e.time.note.en}` },
      },
    };
  }

  /**
   * The rules in force at the conduct: the pack's version then, or — when the conduct came before
   * the pack took effect — the nearest ancestor's in force then (从旧兼从轻 across levels: conduct
   * before a local measure is judged by the rules above it at that time, and the local measure in
   * force at the decision applies instead only if it is more favourable). Refused only when no
   * ancestor was in force either.
   */
  private conductPolicy(p: Pack, at: string): { policy: CompiledPolicy; fallback?: Pack } {
    if (this.packs.versionAt(p, at) !== undefined) return { policy: this.at(p.id, at) };
    for (const a of this.packs.ancestors(p)) {
      if (this.packs.versionAt(a, at) !== undefined) {
        return { policy: this.at(a.id, at), fallback: a };
      }
    }
    return { policy: this.at(p.id, at) }; // refuses, naming the pack's own windows
  }

  /** The ancestor's facts and those the pack's first published version declares. */
  private withOwnFacts(p: Pack, ancestor: CompiledPolicy): ReadonlyMap<string, FactDecl> {
    const first = p.versions.find((v) => v.status === 'published');
    if (!first) return ancestor.eff.facts;
    const own = this.version(p.id, first.id).eff.facts;
    return new Map([...own, ...ancestor.eff.facts]);
  }

  /** 从旧兼从轻: the version in force at the conduct, unless the one at decision is more favourable. */
  private lenient(
    p: Pack,
    conduct: CompiledPolicy,
    decision: CompiledPolicy,
    facts: Facts,
    at: string,
    decidedAt: string,
  ): Evaluation {
    // Both versions read the facts relative to the conduct date (`within` counts back from it).
    const fc = conduct.withContext(facts, at);
    const fd = decision.withContext(facts, at);
    const combined = moreFavourable(conduct, fc, decision, fd);
    const ec = explain(conduct, fc);
    const ed = explain(decision, fd);
    // The applied version: the conduct's where it gives the band that applies (ties stay with
    // the conduct), else the decision's, which then gives it.
    const winner = combined.length === 1 ? combined[0]! : undefined;
    const useDecision = winner !== undefined && !sameBand(ec.recommended, winner);
    const base = {
      conductDate: at,
      decisionDate: decidedAt,
      conductVersion: conduct.eff.version.id,
      decisionVersion: decision.eff.version.id,
    };
    if (!winner || (useDecision && !sameBand(ed.recommended, winner))) {
      const missing = new Set([...ec.missingFacts, ...ed.missingFacts]);
      const possible = [...new Set(combined.map((b) => b[0]!))];
      return this.result(p, conduct, asUndetermined(conduct, ec, possible, [...missing]), {
        ...base,
        applied: 'conduct',
        moreLenientLaterVersion: false,
        note: {
          zh: `行为时版本 ${conduct.eff.version.id} 与决定时版本 ${decision.eff.version.id} 均需比较，已知事实尚不足以确定哪一版本更有利。`,
          en: `Versions ${conduct.eff.version.id} (at the conduct) and ${decision.eff.version.id} (at decision) must be compared; the known facts do not yet decide which is more favourable.`,
        },
      });
    }
    const chosen = useDecision ? ed : ec;
    const chosenPolicy = useDecision ? decision : conduct;
    return this.result(p, chosenPolicy, chosen, {
      ...base,
      applied: useDecision ? 'decision' : 'conduct',
      moreLenientLaterVersion: useDecision,
      note: useDecision
        ? {
            zh: `行为发生时（${at}）施行的是版本 ${conduct.eff.version.id}，结果为“${ec.label.zh}”；决定时（${decidedAt}）施行的版本 ${decision.eff.version.id} 对当事人更有利，依“从旧兼从轻”原则适用后者。`,
            en: `Version ${conduct.eff.version.id} was in force at the conduct (${at}) and gives '${ec.label.en}'; version ${decision.eff.version.id}, in force at decision (${decidedAt}), is more favourable to the official and applies (the more lenient later rule).`,
          }
        : {
            zh: `适用行为发生时（${at}）施行的版本 ${conduct.eff.version.id}；决定时（${decidedAt}）施行的版本 ${decision.eff.version.id} 并不更有利。`,
            en: `Version ${conduct.eff.version.id}, in force at the conduct (${at}), applies; version ${decision.eff.version.id}, in force at decision (${decidedAt}), is not more favourable.`,
          },
    });
  }

  private result(p: Pack, c: CompiledPolicy, e: Explained, time: TimeNote): Evaluation {
    return {
      pack: p.id,
      packTitle: p.title,
      version: c.eff.version.id,
      chain: c.eff.chain,
      ...e,
      time,
      ...(p.notice ? { notice: p.notice } : {}),
    };
  }
}

/**
 * The bands possible under 从旧兼从轻: of each pair of bands the two versions may give, the one that
 * applies (`conductApplies`), as outcome ids, without repeats.
 */
function moreFavourable(
  conduct: CompiledPolicy,
  conductFacts: Facts,
  decision: CompiledPolicy,
  decisionFacts: Facts,
): (readonly string[])[] {
  const out = new Map<string, readonly string[]>();
  const ladder = conduct.ladderSize;
  for (const a of conduct.possible(conductFacts).bands) {
    for (const b of decision.possible(decisionFacts).bands) {
      const ids = conductApplies(a, b, ladder)
        ? a.map((r) => conduct.outcomes[r]!.id)
        : b.map((r) => decision.outcomes[r]!.id);
      out.set(ids.join(','), ids);
    }
  }
  return [...out.values()];
}

/**
 * Whether the conduct version's band `a` applies rather than the decision version's `b`: a band
 * ranks at its most favourable outcome, and of two with the same, the one whose least favourable
 * outcome is better is more favourable (it leaves the collective body less room against the
 * official); on a full tie the conduct version applies. A result off the ladder (not applicable,
 * referred) is not more favourable than any outcome: an outcome on the ladder from either version
 * applies over it, and where both are off the ladder the conduct version's applies.
 */
export function conductApplies(
  a: readonly number[],
  b: readonly number[],
  ladder: number,
): boolean {
  const aOff = a[0]! >= ladder;
  const bOff = b[0]! >= ladder;
  if (aOff || bOff) return !aOff || bOff;
  if (a[0] !== b[0]) return a[0]! < b[0]!;
  return a[a.length - 1]! <= b[b.length - 1]!;
}

function sameBand(x: readonly string[], y: readonly string[]): boolean {
  return x.length === y.length && x.every((id, i) => id === y[i]);
}

function fallbackNote(p: Pack, ancestor: Pack, v: PackVersion, at: string): I18nText {
  return {
    zh: `行为发生时（${at}）${inTitleMarks(p.title.zh)}尚未施行，依${inTitleMarks(ancestor.title.zh)}当时施行的版本 ${v.id}（${v.from} 起施行）认定。`,
    en: `At the conduct (${at}) ${p.title.en} was not yet in force: version ${v.id} of ${ancestor.title.en} (in force from ${v.from}), then in force, applies.`,
  };
}

function sameVersionNote(v: PackVersion, at: string): I18nText {
  return {
    zh: `适用行为发生时（${at}）施行的版本 ${v.id}（${v.from} 起施行）。`,
    en: `Version ${v.id} (in force from ${v.from}) applies, being in force at the conduct (${at}).`,
  };
}

function checkDate(d: string, name: string): void {
  if (!isIsoDate(d)) {
    fail(
      'POLICY_BAD_DATE',
      `${name} 日期“${d}”无效，应写作 YYYY-MM-DD。`,
      `the ${name} date '${d}' is not valid; write it as YYYY-MM-DD.`,
    );
  }
}

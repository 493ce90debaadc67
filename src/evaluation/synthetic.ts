/**
 * Synthetic survey responses for the demo and the benchmarks, from a stated latent model, so that
 * the analysis has something true to find: every scale has a latent score (a share of it common to
 * all, as attitudes to one policy are), items are that score plus noise cut into the Likert points,
 * and optimism and willingness to act depend on the factors the caller names, by the weights the
 * caller gives. Seeded: the same seed gives the same responses. Nothing here is real data.
 */
import type { ScaleSpec } from './model.js';

export interface Plant {
  /** Mean of each scale's latent score, in standard deviations above (or below) the midpoint. */
  readonly levels: Readonly<Record<string, number>>;
  /** Weights of the factors in optimism (and, scaled by `willingnessShare`, in willingness). */
  readonly weights: Readonly<Record<string, number>>;
  /** Where support sits: cadres applaud the mechanism (seed 000), so high. */
  readonly supportLevel: number;
  readonly optimismLevel: number;
  readonly willingnessLevel: number;
  /** Share of the common attitude in each factor's latent score, 0 to 1. */
  readonly common: number;
  /** Share of answers left blank. */
  readonly blankShare: number;
}

export interface SyntheticResponse {
  readonly answers: Readonly<Record<string, number | null>>;
  readonly demographics: Readonly<Record<string, string>>;
}

/** mulberry32: a small, well-known 32-bit generator; enough for synthetic data, not for secrets. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const OUTCOMES = new Set(['support', 'optimism', 'willingness']);
const ITEM_NOISE = 0.7;
const OUTCOME_NOISE = 0.6;

export function synthesize(
  spec: ScaleSpec,
  demographics: readonly { id: string; options: readonly { value: string }[] }[],
  plant: Plant,
  n: number,
  seed: number,
): SyntheticResponse[] {
  const random = seededRandom(seed);
  const out: SyntheticResponse[] = [];
  for (let i = 0; i < n; i++) out.push(oneResponse(spec, demographics, plant, random));
  return out;
}

function oneResponse(
  spec: ScaleSpec,
  demographics: readonly { id: string; options: readonly { value: string }[] }[],
  plant: Plant,
  random: () => number,
): SyntheticResponse {
  const latent = latentScores(spec, plant, random);
  const answers: Record<string, number | null> = {};
  const mid = (spec.scale.min + spec.scale.max) / 2;
  for (const f of spec.factors) {
    for (const item of f.items) {
      if (random() < plant.blankShare) {
        answers[item] = null;
        continue;
      }
      const point = Math.round(mid + latent.get(f.id)! + ITEM_NOISE * normal(random));
      const value = Math.min(spec.scale.max, Math.max(spec.scale.min, point));
      answers[item] = f.reversed.includes(item) ? spec.scale.max + spec.scale.min - value : value;
    }
  }
  const chosen: Record<string, string> = {};
  for (const d of demographics)
    chosen[d.id] = d.options[Math.floor(random() * d.options.length)]!.value;
  return { answers, demographics: chosen };
}

function latentScores(spec: ScaleSpec, plant: Plant, random: () => number): Map<string, number> {
  const common = normal(random);
  const own = Math.sqrt(1 - plant.common * plant.common);
  const latent = new Map<string, number>();
  let drive = 0;
  for (const f of spec.factors) {
    if (OUTCOMES.has(f.id)) continue;
    const deviation = plant.common * common + own * normal(random);
    latent.set(f.id, (plant.levels[f.id] ?? 0) + deviation);
    drive += (plant.weights[f.id] ?? 0) * deviation;
  }
  const optimism = drive + OUTCOME_NOISE * normal(random);
  latent.set('support', plant.supportLevel + 0.3 * common + OUTCOME_NOISE * normal(random));
  latent.set('optimism', plant.optimismLevel + optimism);
  latent.set(
    'willingness',
    plant.willingnessLevel + 0.6 * optimism + OUTCOME_NOISE * normal(random),
  );
  return latent;
}

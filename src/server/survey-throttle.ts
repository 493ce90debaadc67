/**
 * A limit on failed token look-ups on the public survey routes (GET/POST /api/survey/:token), per
 * client address, as the sign-in's rate limit is (auth/login.ts): after SURVEY_RATE.max invalid
 * tokens from one address within SURVEY_RATE.windowMs, that address gets SURVEY_RATE_LIMITED (429,
 * with the seconds to wait) until the window ends — whatever token it shows, so that a guesser
 * learns nothing meanwhile. Tokens carry 128 random bits, so this is defence in depth.
 *
 * Kept in memory, not in the store: nothing about who opened a survey link is ever written
 * (docs/evaluation-plan.md). Only an address and its count of failures in the current window are
 * kept, never a token or a success, and an entry is dropped once its window has passed. A restart
 * resets the counts, and each server process counts its own: acceptable for a second line of
 * defence. The limit is generous because a meeting room's cadres may share one address and a
 * token typed from paper may be mistyped.
 */
import { AppError } from '../app/errors.js';

export const SURVEY_RATE = { max: 30, windowMs: 10 * 60 * 1000 } as const;

/**
 * At most this many addresses are counted (a few MB): when full, the ended windows are swept, and
 * if none has ended the oldest window is dropped — a flood from many addresses cannot exhaust memory.
 */
const MAX_ADDRESSES = 50_000;

interface Window {
  /** When the window's first failure happened (ms). */
  readonly first: number;
  failures: number;
}

export class SurveyThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly rate: { readonly max: number; readonly windowMs: number } = SURVEY_RATE,
    private readonly maxAddresses = MAX_ADDRESSES,
  ) {}

  /** Throws SURVEY_RATE_LIMITED when the address has used up its failures for the window. */
  check(address: string, now: number): void {
    const w = this.current(address, now);
    if (w && w.failures >= this.rate.max) {
      const wait = w.first + this.rate.windowMs - now;
      throw new AppError('SURVEY_RATE_LIMITED', {
        retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)),
      });
    }
  }

  /** Counts a failed look-up (an invalid token) from the address. */
  fail(address: string, now: number): void {
    const w = this.current(address, now);
    if (w) {
      w.failures++;
      return;
    }
    if (this.windows.size >= this.maxAddresses) this.makeRoom(now);
    this.windows.set(address, { first: now, failures: 1 });
  }

  /** How many addresses are counted now (for tests). */
  get size(): number {
    return this.windows.size;
  }

  /** The address's window if it has not ended (an ended one is dropped). */
  private current(address: string, now: number): Window | undefined {
    const w = this.windows.get(address);
    if (w && now - w.first >= this.rate.windowMs) {
      this.windows.delete(address);
      return undefined;
    }
    return w;
  }

  private makeRoom(now: number): void {
    for (const [address, w] of this.windows) {
      if (now - w.first >= this.rate.windowMs) this.windows.delete(address);
    }
    // A Map iterates in insertion order: the first key is the oldest window.
    const oldest = this.windows.keys().next();
    if (this.windows.size >= this.maxAddresses && !oldest.done) this.windows.delete(oldest.value);
  }
}

/**
 * A first-in, first-out async mutex. `run(fn)` starts `fn` only after every earlier `run` has
 * settled, whether it resolved or threw.
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #waiting = 0;
  #held = false;

  /** How many callers are queued or running. */
  get pending(): number {
    return this.#waiting;
  }

  get held(): boolean {
    return this.#held;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#waiting++;
    return previous
      .then(() => {
        this.#held = true;
        return fn();
      })
      .finally(() => {
        this.#held = false;
        this.#waiting--;
        release();
      });
  }
}

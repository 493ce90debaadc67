import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('Mutex', () => {
  it('runs callers one at a time, first come first served', async () => {
    const m = new Mutex();
    const log: string[] = [];
    await Promise.all(
      [30, 1, 10, 0].map((ms, i) =>
        m.run(async () => {
          log.push(`start ${i}`);
          expect(m.held).toBe(true);
          await sleep(ms);
          log.push(`end ${i}`);
        }),
      ),
    );
    expect(log).toEqual([
      'start 0',
      'end 0',
      'start 1',
      'end 1',
      'start 2',
      'end 2',
      'start 3',
      'end 3',
    ]);
    expect(m.pending).toBe(0);
    expect(m.held).toBe(false);
  });

  it('goes on after a caller throws, passing the error to that caller only', async () => {
    const m = new Mutex();
    const failing = m.run(async () => {
      await sleep(1);
      throw new Error('boom');
    });
    const next = m.run(async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});

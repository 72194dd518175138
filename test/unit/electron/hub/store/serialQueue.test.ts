import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '../../../../../electron/hub/store/serialQueue';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('createSerialQueue', () => {
  it('runs tasks one at a time, in call order', async () => {
    const serial = createSerialQueue();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, waits: number) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      for (let i = 0; i < waits; i++) await tick();
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([serial(task('a', 3)), serial(task('b', 1)), serial(task('c', 0))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('keeps going after a task fails, and the failure reaches its caller', async () => {
    const serial = createSerialQueue();
    const failed = serial(async () => {
      throw new Error('boom');
    });
    const next = serial(async () => 'still runs');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('still runs');
  });
});

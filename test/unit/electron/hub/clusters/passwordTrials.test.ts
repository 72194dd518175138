import { describe, expect, it } from 'vitest';
import { PasswordTrials } from '../../../../../electron/hub/clusters/passwordTrials';

const KEY = 'ssh/c1/password';
const settled = async <T>(p: Promise<T>): Promise<T | 'waiting'> =>
  Promise.race([p, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 20))]);

describe('PasswordTrials', () => {
  it('lets one node try an unproven password while the others wait for its verdict', async () => {
    const trials = new PasswordTrials();
    expect(await trials.turn(KEY, 'n1')).toEqual({ turn: 'use' });
    const second = trials.turn(KEY, 'n2');
    const third = trials.turn(KEY, 'n3');
    expect(await settled(second)).toBe('waiting');
    trials.settle(KEY, 'n1', 'accepted');
    expect(await second).toEqual({ turn: 'use' });
    expect(await third).toEqual({ turn: 'use' });
  });

  it('withholds a password refused on its first trial from every node, until Retry or a new one', async () => {
    const trials = new PasswordTrials();
    await trials.turn(KEY, 'n1');
    const waiting = trials.turn(KEY, 'n2');
    trials.settle(KEY, 'n1', 'refused', '10.0.0.1');
    expect(await waiting).toEqual({ turn: 'withheld', why: '10.0.0.1' });
    expect(await trials.turn(KEY, 'n1')).toEqual({ turn: 'withheld', why: '10.0.0.1' });
    trials.retry([KEY], 'n2');
    expect(await trials.turn(KEY, 'n2')).toEqual({ turn: 'use' });
    trials.settle(KEY, 'n2', 'refused', '10.0.0.2');
    trials.forget(KEY);
    expect(await trials.turn(KEY, 'n3')).toEqual({ turn: 'use' });
  });

  it('once proven, a node that refuses it stops offering it, that node only', async () => {
    const trials = new PasswordTrials();
    await trials.turn(KEY, 'n1');
    trials.settle(KEY, 'n1', 'accepted');
    await trials.turn(KEY, 'n2');
    trials.settle(KEY, 'n2', 'refused', 'node2');
    expect(await trials.turn(KEY, 'n2')).toEqual({ turn: 'withheld', why: 'node2' });
    expect(await trials.turn(KEY, 'n3')).toEqual({ turn: 'use' });
    trials.retry([KEY], 'n2');
    expect(await trials.turn(KEY, 'n2')).toEqual({ turn: 'use' });
  });

  it('passes the trial on when the password was never sent (a network failure, a key that worked)', async () => {
    const trials = new PasswordTrials();
    await trials.turn(KEY, 'n1');
    const next = trials.turn(KEY, 'n2');
    trials.settle(KEY, 'n1', 'unknown');
    expect(await next).toEqual({ turn: 'use' });
    expect(await settled(trials.turn(KEY, 'n3'))).toBe('waiting');
  });

  it('keeps passwords under different keys apart', async () => {
    const trials = new PasswordTrials();
    await trials.turn(KEY, 'n1');
    trials.settle(KEY, 'n1', 'refused');
    expect(await trials.turn('ssh/c1/n2/password', 'n2')).toEqual({ turn: 'use' });
  });
});

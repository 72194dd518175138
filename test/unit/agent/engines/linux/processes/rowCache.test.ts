import { describe, expect, it } from 'vitest';
import { RowCache } from '../../../../../../agent/src/engines/linux/processes/rowCache';
import type { JobRecord } from '../../../../../../agent/src/protocol/jobTypes';
import { SLEEP_SAMPLE } from './rowFixtures';

const SLEEP = SLEEP_SAMPLE;
const AGENT = { uid: 0, euid: 0 };
const NONE = { job: null, freeze: null };

/** The first table, then the second: the row of each for the same sample. */
function twice(second: Partial<{ facts: typeof NONE | { job: JobRecord; freeze: null }; agent: typeof AGENT }>) {
  const cache = new RowCache();
  const job = { jobId: 7, runId: 'r-a', dueAt: null } as unknown as JobRecord;
  const a = cache.row(SLEEP, second.facts?.job ? { job, freeze: null } : NONE, AGENT);
  cache.endTable();
  return { a, b: cache.row(SLEEP, second.facts ?? NONE, second.agent ?? AGENT), job };
}

describe('RowCache', () => {
  it('hands back the same row for the same sample and records', () => {
    const { a, b } = twice({});
    expect(b).toBe(a);
  });

  it('builds the row again when a freeze, a job record or the agent changed', () => {
    const cache = new RowCache();
    const a = cache.row(SLEEP, NONE, AGENT);
    cache.endTable();
    const frozen = cache.row(SLEEP, { job: null, freeze: { code: 'M', by: 'root', method: 'sigstop', at: 1 } }, AGENT);
    expect(frozen.frz).toBe('M');
    cache.endTable();
    expect(cache.row(SLEEP, NONE, { uid: 1, euid: 1 })).not.toBe(a);
    const job = { jobId: 7, runId: 'r-a', dueAt: null } as unknown as JobRecord;
    cache.endTable();
    const inJob = cache.row(SLEEP, { job, freeze: null }, AGENT);
    cache.endTable();
    job.dueAt = 5; // records are updated in place
    expect(cache.row(SLEEP, { job, freeze: null }, AGENT)).toMatchObject({ dueAt: 5, class: 'local' });
    expect(inJob.dueAt).toBeNull();
  });

  it('forgets processes that were not in the last table', () => {
    const cache = new RowCache();
    const a = cache.row(SLEEP, NONE, AGENT);
    cache.endTable();
    cache.endTable();
    expect(cache.row(SLEEP, NONE, AGENT)).not.toBe(a);
    expect(cache.row({ ...SLEEP }, NONE, AGENT)).not.toBe(a);
  });
});

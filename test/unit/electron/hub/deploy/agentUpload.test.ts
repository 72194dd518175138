import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentBundle } from '../../../../../electron/hub/deploy/agentBundle';
import { AGENT_DIR, uploadWithSftp } from '../../../../../electron/hub/deploy/agentUpload';
import { settle } from '../agents/fakeAgent';
import { memorySftp } from './memorySftp';

const bytes = Buffer.from('the agent bundle');
const sha256 = createHash('sha256').update(bytes).digest('hex');
const bundle: AgentBundle = { bytes, sha256, fileName: `mosdesk-agent-${sha256.slice(0, 16)}.cjs` };
const LOCK = `${AGENT_DIR}/.lock`;
const TIMING = { lockWaitMs: 15_000, staleLockMs: 10_000, heartbeatMs: 2000 };

/** Node clocks far from ours both ways: only the node's own times may be compared. */
const SKEWS = [
  { name: 'a node clock a year behind', skewMs: -365 * 86_400_000 },
  { name: 'a node clock an hour ahead', skewMs: 3_600_000 },
];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe.each(SKEWS)('the deploy lock, with $name', ({ skewMs }) => {
  const node = () => memorySftp(() => Date.now() + skewMs);

  it('waits for a lock whose holder keeps it alive, however old its time looks, then gives up', async () => {
    const fs = node();
    fs.plant(LOCK, Date.now() + skewMs - 3_600_000, true);
    const beat = setInterval(() => void fs.sftp.touch(LOCK), 2000);
    const done = settle(uploadWithSftp(fs.sftp, bundle, TIMING));
    await vi.advanceTimersByTimeAsync(16_000);
    clearInterval(beat);
    const result = await done;
    expect(result.ok).toBe(false);
    expect(String((result as { error: unknown }).error)).toMatch(/another upload has held .*\.lock for over 15 s/);
    expect(fs.names(AGENT_DIR)).toEqual(['.lock']);
  });

  it('takes over a lock that stayed unchanged for staleLockMs of our time, however new its time looks', async () => {
    const fs = node();
    fs.plant(LOCK, Date.now() + skewMs + 3_600_000, true);
    const done = settle(uploadWithSftp(fs.sftp, bundle, TIMING));
    await vi.advanceTimersByTimeAsync(9_000);
    expect(fs.names(AGENT_DIR)).toEqual(['.lock']);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(await done).toEqual({ ok: true, value: true });
    expect(fs.names(AGENT_DIR)).toEqual([bundle.fileName]);
    expect(fs.files.get(`${AGENT_DIR}/${bundle.fileName}`)?.data.equals(bytes)).toBe(true);
  });

  it('keeps its own lock alive while it uploads, so a waiter never takes it', async () => {
    const fs = node();
    await fs.sftp.mkdirs(AGENT_DIR);
    // A slow node: the write takes 30 s.
    const write = fs.sftp.write;
    fs.sftp.write = async (path, data) => {
      await new Promise((r) => setTimeout(r, 30_000));
      return write(path, data);
    };
    const first = settle(uploadWithSftp(fs.sftp, bundle, TIMING));
    await vi.advanceTimersByTimeAsync(100);
    // A second hub on the same node (same files), with a wait longer than staleLockMs.
    const second = settle(uploadWithSftp({ ...fs.sftp, write }, bundle, { ...TIMING, lockWaitMs: 20_000 }));
    await vi.advanceTimersByTimeAsync(21_000);
    expect(await second).toMatchObject({ ok: false });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await first).toEqual({ ok: true, value: true });
    expect(fs.names(AGENT_DIR)).toEqual([bundle.fileName]);
  });
});

describe.each(SKEWS)('pruning the cache, with $name', ({ skewMs }) => {
  it('keeps the previous agent and recent temp files, deletes older agents and dead temp files', async () => {
    const fs = memorySftp(() => Date.now() + skewMs);
    const nodeNow = Date.now() + skewMs;
    await fs.sftp.mkdirs(AGENT_DIR);
    fs.plant(`${AGENT_DIR}/mosdesk-agent-1111111111111111.cjs`, nodeNow - 300_000);
    fs.plant(`${AGENT_DIR}/mosdesk-agent-2222222222222222.cjs`, nodeNow - 200_000);
    fs.plant(`${AGENT_DIR}/mosdesk-agent-3333333333333333.cjs`, nodeNow - 100_000);
    fs.plant(`${AGENT_DIR}/mosdesk-agent-4444444444444444.cjs.tmp-dead`, nodeNow - 600_000);
    // Another hub's upload in progress (it took over what it thought a stale lock): just written.
    fs.plant(`${AGENT_DIR}/mosdesk-agent-5555555555555555.cjs.tmp-live`, nodeNow - 5_000);
    expect(await uploadWithSftp(fs.sftp, bundle, TIMING)).toBe(true);
    expect(fs.names(AGENT_DIR)).toEqual(
      [bundle.fileName, 'mosdesk-agent-3333333333333333.cjs', 'mosdesk-agent-5555555555555555.cjs.tmp-live'].sort(),
    );
  });
});

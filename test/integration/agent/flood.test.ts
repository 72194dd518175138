import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcErrorCode } from '../../../agent/src/protocol/errors';
import { AgentProcess } from '../../support/agentProcess';

/**
 * Issue 10, item 6: 2,000 procs.list sent at once used to run together and take the agent to
 * 236 MB, and a ping waited seconds behind them (past the hub's 3.5 s liveness bound).
 */
const COUNT = 2000;
const MAX_PEAK_RSS_MB = 120;
/** Well inside the hub's liveness bound (3.5 s without a byte from the agent). */
const MAX_PING_MS = 2000;

let stateDir: string;
let agent: AgentProcess;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'mosdesk-flood-'));
  agent = new AgentProcess({ env: { MOSDESK_AGENT_STATE_DIR: stateDir } });
  await agent.call(1, 'hello', { protocolVersion: 1 });
});

afterAll(() => {
  agent.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

/** The agent's peak resident set so far, in MB (VmHWM of /proc/<pid>/status). */
function peakRssMb(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error('no VmHWM in /proc/<pid>/status');
  return Number(match[1]) / 1024;
}

describe('the agent under a flood of reads', () => {
  it(`answers each of ${COUNT} procs.list sent at once, ok or Busy, in bounded memory, and answers ping meanwhile`, async () => {
    const pid = agent.child.pid as number;
    const before = peakRssMb(pid);
    const ids = Array.from({ length: COUNT }, (_, i) => 10_000 + i);
    const lines = ids.map((id) => JSON.stringify({ jsonrpc: '2.0', id, method: 'procs.list', params: {} }));
    const pingSentAt = new Map<string, number>();
    const pingDelay = new Map<string, number>();
    let partial = '';
    const onData = (text: string): void => {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) {
        const id = /^\{"jsonrpc":"2\.0","id":"(ping-\d+)"/.exec(l)?.[1];
        const sentAt = id === undefined ? undefined : pingSentAt.get(id);
        if (id !== undefined && sentAt !== undefined) pingDelay.set(id, Date.now() - sentAt);
      }
    };
    agent.child.stdout.on('data', onData);
    const ping = (id: string): void => {
      pingSentAt.set(id, Date.now());
      agent.send({ jsonrpc: '2.0', id, method: 'ping', params: {} });
    };

    agent.sendRaw(`${lines.join('\n')}\n`);
    ping('ping-0');
    const pinger = setInterval(() => ping(`ping-${pingSentAt.size}`), 100);
    const isFlood = (m: { id?: unknown }): boolean => typeof m.id === 'number' && m.id >= 10_000;
    try {
      await agent.waitFor(() => agent.received.filter(isFlood).length >= COUNT, 60_000);
    } finally {
      clearInterval(pinger);
    }
    const peak = peakRssMb(pid);

    const replies = agent.received.filter(isFlood);
    expect(new Set(replies.map((r) => r.id)).size).toBe(COUNT);
    const ok = replies.filter((r) => r.result !== undefined);
    const busy = replies.filter((r) => r.error?.code === RpcErrorCode.Busy);
    expect(ok.length + busy.length).toBe(COUNT);
    expect(ok.length).toBeGreaterThanOrEqual(2); // those in work and those that waited
    expect(busy.length).toBeGreaterThan(0);
    for (const b of busy) {
      expect(b.error?.data).toEqual({ retryAfterMs: expect.any(Number) as unknown });
      expect(b.error?.message).toMatch(/busy/);
    }

    // Every ping sent during the flood was answered, each soon after it was sent.
    await agent.waitFor((m) => m.id === `ping-${pingSentAt.size - 1}`, 5_000);
    agent.child.stdout.off('data', onData);
    const delays = [...pingSentAt.keys()].map((id) => pingDelay.get(id));
    const slowest = Math.max(...delays.map((d) => d ?? Infinity));

    console.log(
      `flood of ${COUNT} procs.list: ${ok.length} ok, ${busy.length} Busy; peak RSS ${peak.toFixed(1)} MB ` +
        `(${before.toFixed(1)} MB before); ${delays.length} pings, slowest answered in ${slowest} ms`,
    );
    expect(peak).toBeLessThan(MAX_PEAK_RSS_MB);
    expect(delays.length).toBeGreaterThanOrEqual(1);
    expect(slowest).toBeLessThan(MAX_PING_MS);

    // Afterwards the agent serves as before.
    expect(await agent.ok('procs.list', { limit: 1 })).toMatchObject({ rows: expect.any(Array) as unknown });
    expect(agent.child.exitCode).toBeNull();
  });
});

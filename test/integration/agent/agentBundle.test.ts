import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hello, MetricsSample } from '../../../agent/src/protocol/types';
import { AgentProcess } from '../../support/agentProcess';

let agent: AgentProcess;

beforeAll(async () => {
  agent = new AgentProcess();
  const reply = await agent.call(1, 'hello', { protocolVersion: 1 });
  expect(reply.error).toBeUndefined();
});
afterAll(() => agent.stop());

/** MemTotal in bytes, read here independently of the agent's parser. */
function memTotalBytes(): number {
  const m = /^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'));
  return Number(m?.[1]) * 1024;
}

describe('the agent bundle on this machine', () => {
  it('prints its ready marker before anything else', () => {
    expect(agent.sawMarker).toBe(true);
  });

  it('says hello with this machine identity', async () => {
    const hello = (await agent.call(2, 'hello', { protocolVersion: 1 })).result as Hello;
    expect(hello.engine).toBe('linux');
    expect(hello.node.hostname).toBe(hostname());
    expect(hello.node.cpuCount).toBe(Number(execFileSync('getconf', ['_NPROCESSORS_ONLN'], { encoding: 'utf8' })));
    expect(hello.node.kernel).toBe(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
    expect(typeof hello.capabilities.migrate).toBe('string');
  });

  it('reads figures that match /proc', async () => {
    const before = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const sample = (await agent.call(3, 'metrics.read', {})).result as MetricsSample;
    const after = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    expect([Number(before), Number(after)]).toContain(sample.load.one);
    expect(sample.memory.totalBytes).toBe(memTotalBytes());
    const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    expect(Math.abs(uptime - sample.uptimeSec)).toBeLessThan(5);
  });

  it('streams samples about once a second after subscribe', async () => {
    const sub = await agent.call(4, 'subscribe', { topic: 'metrics', intervalMs: 500 });
    const { subscriptionId } = sub.result as { subscriptionId: string };
    const isOurs = (m: { method?: string; params?: unknown }): boolean =>
      m.method === 'metrics' && (m.params as { subscriptionId: string }).subscriptionId === subscriptionId;
    await agent.waitFor((m) => agent.received.filter(isOurs).length >= 3 && isOurs(m), 5000);
    const unsub = await agent.call(5, 'unsubscribe', { subscriptionId });
    expect(unsub.result).toEqual({ removed: true });
    const count = agent.received.filter(isOurs).length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(agent.received.filter(isOurs).length).toBe(count);
  });

  it('answers bad input with errors and keeps serving', async () => {
    agent.sendRaw('{not json\n');
    await agent.waitFor((m) => m.error?.code === -32700);
    agent.sendRaw(`${'x'.repeat(2 * 1024 * 1024)}\n`);
    await agent.waitFor((m) => m.error?.code === 1008);
    expect((await agent.call(6, 'no.such.method', {})).error?.code).toBe(-32601);
    expect((await agent.call(7, 'subscribe', { topic: 'metrics', intervalMs: -5 })).error?.code).toBe(-32602);
    expect((await agent.call(8, 'ping', {})).result).toMatchObject({ pong: true });
  });
});

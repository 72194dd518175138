import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentProcess } from '../../support/agentProcess';
import { hostileLines } from '../../support/hostileRequests';

const COUNT = 1200;
const HUGE_LINES = 5;
let stateDir: string;
let agent: AgentProcess;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'mosdesk-hostile-'));
  agent = new AgentProcess({ env: { MOSDESK_AGENT_STATE_DIR: stateDir } });
  await agent.call(1, 'hello', { protocolVersion: 1 });
});

afterAll(() => {
  agent.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

async function write(text: string): Promise<void> {
  if (!agent.child.stdin.write(text)) await new Promise((r) => agent.child.stdin.once('drain', r));
}

describe('the agent under hostile input', () => {
  it(`answers each of ${COUNT} malformed requests and ${HUGE_LINES} 10 MB lines with an error, then still serves`, async () => {
    const lines = hostileLines(COUNT);
    for (const l of lines) await write(`${l.line}\n`);
    for (let i = 0; i < HUGE_LINES; i++)
      await write(`{"jsonrpc":"2.0","id":${i},"method":"ping","params":{"x":"${'A'.repeat(10 * 1024 * 1024)}"}}\n`);
    await agent.call(2, 'ping', {}); // answered after everything before it was read

    const withId = lines.filter((l) => l.id !== null);
    const expectedAnonymous = COUNT - withId.length + HUGE_LINES;
    await agent.waitFor(() => agent.received.filter((m) => m.id === null).length >= expectedAnonymous, 20_000);
    for (const l of withId) {
      const reply = await agent.waitFor((m) => m.id === l.id, 10_000);
      expect(reply.error, `${l.kind}: ${l.line.slice(0, 120)}`).toBeDefined();
      expect(reply.result).toBeUndefined();
      expect(reply.error?.message.length).toBeGreaterThan(10);
    }
    const anonymous = agent.received.filter((m) => m.id === null);
    expect(anonymous).toHaveLength(expectedAnonymous);
    expect(anonymous.every((m) => m.error && [-32700, -32600, 1008].includes(m.error.code))).toBe(true);
    expect(anonymous.filter((m) => m.error?.code === 1008)).toHaveLength(HUGE_LINES);

    // Every kind of line was tried, and nothing hostile ran.
    expect(new Set(lines.map((l) => l.kind)).size).toBeGreaterThanOrEqual(15);
    expect(existsSync('/tmp/mosdesk-hostile-ran')).toBe(false);
    expect(agent.child.exitCode).toBeNull();

    const ping = await agent.call(3, 'ping', {});
    expect(ping.result).toMatchObject({ pong: true });
    const jobs = await agent.call(4, 'jobs.list', {});
    expect(jobs.result).toEqual([]);
    const hello = await agent.call(5, 'hello', { protocolVersion: 1 });
    expect(hello.result).toMatchObject({ engine: 'linux' });
  });
});

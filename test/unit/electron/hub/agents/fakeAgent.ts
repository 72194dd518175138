/** A fake agent for AgentClient tests: two PassThrough pipes the test writes and reads. */
import { PassThrough } from 'node:stream';
import type { MetricsSample } from '../../../../../agent/src/protocol/types';
import { READY_MARKER } from '../../../../../agent/src/protocol/version';
import { AgentClient } from '../../../../../electron/hub/agents/agentClient';
import type { AgentTransport } from '../../../../../electron/hub/agents/transport';
import type { HubLog } from '../../../../../electron/hub/log';

export interface SentRequest {
  jsonrpc: string;
  id: number;
  method: string;
  params: unknown;
}

/** Lets PassThrough deliver what was written (its 'data' events are asynchronous). */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An agent on the far side of two PassThrough pipes, driven by the test. */
export function fakeAgent() {
  const input = new PassThrough(); // hub -> agent
  const output = new PassThrough(); // agent -> hub
  const closeCallbacks: ((reason: string) => void)[] = [];
  let closed = false;
  const end = (reason: string): void => {
    if (closed) return;
    closed = true;
    for (const cb of closeCallbacks) cb(reason);
  };
  const transport: AgentTransport = {
    input,
    output,
    onClose: (cb) => closeCallbacks.push(cb),
    close: () => end('closed by the hub'),
  };
  const sent: SentRequest[] = [];
  let partial = '';
  input.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) sent.push(JSON.parse(l) as SentRequest);
  });
  const warnings: string[] = [];
  const log: HubLog = { info: () => undefined, warn: (message) => warnings.push(message) };
  return {
    transport,
    log,
    sent,
    warnings,
    /** Writes raw text on the agent's stdout. */
    write: (text: string): void => void output.write(text),
    /** Writes one line on the agent's stdout. */
    say: (message: string | object): void =>
      void output.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`),
    end,
  };
}

/** A client whose agent has already printed its ready marker. */
export async function readyClient() {
  const agent = fakeAgent();
  const client = new AgentClient(agent.transport, agent.log);
  agent.say(READY_MARKER);
  await client.ready();
  return { agent, client };
}

/** The request the client wrote last, once the pipe has delivered it. */
export async function lastSent(agent: ReturnType<typeof fakeAgent>): Promise<SentRequest> {
  await flush();
  const req = agent.sent.at(-1);
  if (!req) throw new Error('the client sent nothing');
  return req;
}

/** Settles a promise into a value the test can inspect without unhandled rejections. */
export function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export const SAMPLE: MetricsSample = {
  at: 1_700_000_000_000,
  hostname: 'node7',
  cpuCount: 8,
  load: { one: 0.5, five: 0.4, fifteen: 0.3, running: 1, total: 200 },
  memory: {
    totalBytes: 8 * 2 ** 30,
    freeBytes: 2 ** 30,
    availableBytes: 4 * 2 ** 30,
    usedBytes: 4 * 2 ** 30,
    swapTotalBytes: 0,
    swapFreeBytes: 0,
  },
  uptimeSec: 1234,
  kernel: '6.1.0-test',
  agentVersion: '0.1.0',
  loadPerCpu: 0.0625,
  disks: [{ mount: '/', totalBytes: 100, freeBytes: 40, availableBytes: 35, usedBytes: 60 }],
  speed: { perCpuMhz: 2800, totalMhz: 22400, source: 'cpuinfo' },
  rates: {
    cpuUtilPercent: 12.5,
    readBytesPerSec: 0,
    writeBytesPerSec: 4096,
    netInBytesPerSec: 100,
    netOutBytesPerSec: 50,
    nfsRpcPerSec: null,
  },
  hasNfs: false,
  processes: { total: 200, frozen: 0, mosixLocal: 0, guests: 0 },
};

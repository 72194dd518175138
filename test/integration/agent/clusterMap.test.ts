import { lookup } from 'node:dns/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterMap } from '../../../agent/src/protocol/clusterMapTypes';
import { RpcErrorCode } from '../../../agent/src/protocol/errors';
import { noAnnotations } from '../../../agent/src/engines/linux/annotations';
import { linuxEngineOf } from '../../../agent/src/engines/linux/engine';
import type { RpcResponse } from '../../../agent/src/protocol/messages';
import { dispatchLine } from '../../../agent/src/server/dispatch';

let dir: string;
let mapFile: string;
let nextId = 10;

/** The agent's dispatch with a linux engine reading `mapFile`, as main.ts builds it with /etc/mosix/mosix.map. */
async function call(
  method: string,
  params: unknown,
): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  const log = { info: () => undefined, error: () => undefined };
  const engine = linuxEngineOf(
    {
      user: { name: 'tester', uid: 1000, isRoot: false },
      jobFreezeMethod: 'sigstop',
      cgroups: null,
      annotations: noAnnotations,
      jobs: 'not in this test',
      userName: String,
      availableMemory: async () => 0,
    },
    log,
    { reason: 'a test', mapPath: mapFile },
  );
  const ctx = {
    greeted: true,
    log,
    engine,
    subscriptions: new Map(),
    session: new Map(),
    notify: () => undefined,
    canWrite: () => true,
  };
  const response = (await dispatchLine(
    JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
    ctx,
  )) as RpcResponse;
  return response as { result?: unknown; error?: { code: number; message: string } };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mosdesk-map-'));
  mapFile = join(dir, 'mosix.map');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => rmSync(mapFile, { force: true }));

const callMap = (params: unknown = {}) => call('cluster.map', params);

describe("cluster.map through the agent's dispatch", () => {
  it('reads the map the engine was given and numbers its nodes as MOSIX does', async () => {
    // localhost stands for 3 nodes: its address as this machine resolves it (from /etc/hosts,
    // so no DNS query leaves the machine), and the two after. An unresolvable name is a unit test.
    const { address } = await lookup('localhost', { family: 4 });
    const [a, b, c, d] = address.split('.').map(Number) as [number, number, number, number];
    writeFileSync(mapFile, '# test cluster\n10.77.0.254 3 p\nhead.example.org 1 o\nlocalhost 3\n');
    const reply = await callMap();
    expect(reply.error).toBeUndefined();
    const map = reply.result as ClusterMap;
    expect(map.path).toBe(mapFile);
    expect(map.entries).toEqual([
      { host: '10.77.0.254', count: 3, proximate: true, outsider: false, line: 2 },
      { host: 'head.example.org', count: 1, proximate: false, outsider: true, line: 3 },
      { host: 'localhost', count: 3, proximate: false, outsider: false, line: 4 },
    ]);
    expect(map.nodes).toEqual([
      { number: 1, host: '10.77.0.254' },
      { number: 2, host: '10.77.0.255' },
      { number: 3, host: '10.77.1.0' },
      { number: 4, host: 'head.example.org' },
      { number: 5, host: 'localhost' },
      { number: 6, host: `${a}.${b}.${c}.${d + 1}` },
      { number: 7, host: `${a}.${b}.${c}.${d + 2}` },
    ]);
  });

  it('answers NotFound with a sentence when the node has no map', async () => {
    const reply = await callMap();
    expect(reply.error?.code).toBe(RpcErrorCode.NotFound);
    expect(reply.error?.message).toBe(`no ${mapFile} on ${hostname()}: this node is not configured as a MOSIX node`);
  });

  it('names the file and the line of a bad entry', async () => {
    writeFileSync(mapFile, '10.0.0.1 4\n\n10.0.1.1 many\n');
    const reply = await callMap();
    expect(reply.error?.code).toBe(RpcErrorCode.CommandFailed);
    expect(reply.error?.message).toContain(`${mapFile}: line 3: the node count "many"`);
  });

  it('takes no path from the caller', async () => {
    writeFileSync(mapFile, '10.0.0.1 1\n');
    const reply = await callMap({ path: '/etc/passwd' });
    expect(reply.error?.code).toBe(RpcErrorCode.InvalidParams);
    expect((await callMap()).result).toMatchObject({ path: mapFile, nodes: [{ number: 1, host: '10.0.0.1' }] });
  });

  it('refuses a file far too big to be a map, and keeps serving', async () => {
    writeFileSync(mapFile, '# padding\n'.repeat(120_000));
    const reply = await callMap();
    expect(reply.error?.code).toBe(RpcErrorCode.CommandFailed);
    expect(reply.error?.message).toContain('over 1 MiB');
    expect((await call('ping', {})).result).toMatchObject({ pong: true });
  });
});

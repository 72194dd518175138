import { lookup } from 'node:dns/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterMap } from '../../../agent/src/protocol/clusterMapTypes';
import { RpcErrorCode } from '../../../agent/src/protocol/errors';
import { AgentProcess } from '../../support/agentProcess';

let dir: string;
let mapFile: string;
let agent: AgentProcess;
let nextId = 10;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mosdesk-map-'));
  mapFile = join(dir, 'mosix.map');
  agent = new AgentProcess({ env: { MOSDESK_MOSIX_MAP: mapFile } });
  expect((await agent.call(1, 'hello', { protocolVersion: 1 })).error).toBeUndefined();
});
afterAll(() => {
  agent.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => rmSync(mapFile, { force: true }));

const callMap = (params: unknown = {}) => agent.call(nextId++, 'cluster.map', params);

describe('cluster.map on the built agent', () => {
  it('reads the map the environment points at and numbers its nodes as MOSIX does', async () => {
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
    expect((await agent.call(nextId++, 'ping', {})).result).toMatchObject({ pong: true });
  });
});

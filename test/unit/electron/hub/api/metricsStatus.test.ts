import { describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../../../../electron/api';
import type { AgentClient } from '../../../../../electron/hub/agents/agentClient';
import type { Cluster } from '../../../../../electron/hub/clusters/cluster';
import { hubHandlers, type HubContext } from '../../../../../electron/hub/api/handlers';
import type { ConnectionState } from '../../../../../electron/hub/api/connection';
import { AgentCallError } from '../../../../../electron/hub/errors';
import type { NodeSession } from '../../../../../electron/hub/nodes/nodeSession';
import { NoticeBoard } from '../../../../../electron/hub/notices';

const STATUS: NodeStatus = {
  status: 'Running normally',
  load: 0.5,
  loadPerCpu: 0.25,
  speed: { perCpuMhz: 3000, totalMhz: 6000, source: 'cpuinfo' },
  cpus: 2,
  frozen: 0,
  utilPercent: null,
  avail: true,
  procs: 0,
  accept: { yes: false, reason: 'Plain Linux cannot receive migrated processes.' },
  memory: { availableBytes: 1e9, totalBytes: 2e9 },
  swap: { freeBytes: 0, totalBytes: 0 },
  daemons: [{ name: 'MOSIX Daemon', state: 'not-applicable', reason: 'No MOSIX here.' }],
  guests: { current: 0, max: 0 },
};

/** A node whose agent answers `status.read` with `answer` (or throws it), or no agent at all. */
function hubWith(agent: { answer: unknown } | { throws: Error } | undefined, state = 'up', reason?: string) {
  const client =
    agent &&
    ({
      request: async () => {
        if ('throws' in agent) throw agent.throws;
        return agent.answer;
      },
    } as unknown as AgentClient);
  const node = {
    snapshot: { id: 'n1', name: 'node1', state, reason, since: 0 },
    agent: client,
  } as unknown as NodeSession;
  const lab: Cluster = { id: 'lab', name: 'Lab', kind: 'ssh', nodes: [node] };
  return {
    appInfo: { version: 'test', shell: 'browser' },
    clusters: new Map([[lab.id, lab]]),
    ssh: undefined,
    ready: Promise.resolve(),
    notices: new NoticeBoard(() => undefined),
  } satisfies HubContext;
}

const status = (hub: HubContext, nodeId = 'n1') =>
  hubHandlers['metrics.status']({ clusterId: 'lab', nodeId }, {} as ConnectionState, hub);

describe("hub API 'metrics.status'", () => {
  it("answers the agent's status when it is valid", async () => {
    expect(await status(hubWith({ answer: STATUS }))).toEqual(STATUS);
  });

  it.each([
    { name: 'not an object', answer: 'ok', path: '' },
    { name: 'a negative CPU count', answer: { ...STATUS, cpus: -1 }, path: 'cpus' },
    { name: 'a util over 100 %', answer: { ...STATUS, utilPercent: 250 }, path: 'utilPercent' },
    { name: 'an unknown daemon state', answer: { ...STATUS, daemons: [{ name: 'x', state: 'odd' }] }, path: 'daemons' },
    { name: 'no memory', answer: { ...STATUS, memory: undefined }, path: 'memory' },
  ])('refuses an answer with $name, naming the node', async ({ answer, path }) => {
    const err = await status(hubWith({ answer })).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('The agent on node1 sent a status that is not valid'),
    });
    expect((err as Error).message).toContain(path);
  });

  it.each([
    {
      state: 'dead',
      reason: 'the link closed',
      says: 'Node node1 is dead (the link closed), so its status cannot be read now',
    },
    { state: 'connecting', reason: undefined, says: 'Node node1 is connecting, so its status cannot be read now' },
  ])('says a $state node has no status to read', async ({ state, reason, says }) => {
    await expect(status(hubWith(undefined, state, reason))).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining(says),
    });
  });

  it("passes the agent's own error on", async () => {
    const failing = hubWith({ throws: new AgentCallError(-32004, 'cannot read /proc/stat') });
    await expect(status(failing)).rejects.toBeInstanceOf(AgentCallError);
  });

  it('refuses a node the cluster does not have', async () => {
    await expect(status(hubWith({ answer: STATUS }), 'n9')).rejects.toMatchObject({ code: 'not-found' });
  });
});

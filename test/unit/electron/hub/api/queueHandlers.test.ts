import { describe, expect, it } from 'vitest';
import type { QueueEntry } from '../../../../../electron/api';
import { hubHandlers, type HubContext } from '../../../../../electron/hub/api/handlers';
import type { Cluster } from '../../../../../electron/hub/clusters/cluster';
import type { ConnectionState } from '../../../../../electron/hub/api/connection';
import type { NodeSession } from '../../../../../electron/hub/nodes/nodeSession';
import { NoticeBoard } from '../../../../../electron/hub/notices';
import { FakeNode } from '../tasks/fakeNode';

const ENTRY: QueueEntry = {
  position: 1,
  pid: 4711,
  user: 'alice',
  memMb: 500,
  grid: false,
  priority: 50,
  running: false,
  from: 'here',
  jobId: 7,
  command: 'testload',
  seenSince: 5,
};

/** A node whose queue capability is `queue` (true, or the engine's reason). */
function node(id: string, queue: true | string, answer: unknown = { at: 1, jobs: [ENTRY], problems: [] }): FakeNode {
  const n = new FakeNode(id, id);
  n.view = { ...n.view, hello: { ...n.view.hello!, capabilities: { ...n.view.hello!.capabilities, queue } } };
  n.actions['queue.list'] = () => answer;
  return n;
}

function hubOf(nodes: FakeNode[]): HubContext {
  const cluster = { id: 'c-1', name: 'Lab', kind: 'ssh', nodes: nodes as unknown as NodeSession[] } as Cluster;
  return {
    appInfo: { version: 'test', shell: 'browser' },
    clusters: new Map([[cluster.id, cluster]]),
    ssh: undefined,
    ready: Promise.resolve(),
    notices: new NoticeBoard(() => undefined),
  };
}

const list = (hub: HubContext) => hubHandlers['queue.list']({ clusterId: 'c-1' }, {} as ConnectionState, hub);
const LINUX = 'Plain Linux has no MOSIX job queue (mosq).';
/** The same inside the hub's sentence, without its own full stop. */
const LINUX_CLAUSE = 'Plain Linux has no MOSIX job queue (mosq)';

describe("hub API 'queue.list'", () => {
  it('reads the queue through the first up node that has one', async () => {
    const linux = node('n1', LINUX);
    const down = node('n2', true);
    down.drop();
    const mosix = node('n3', true);
    const got = await list(hubOf([linux, down, mosix]));
    expect(got).toEqual({
      clusterId: 'c-1',
      at: 1,
      source: { nodeId: 'n3', nodeName: 'n3' },
      jobs: [ENTRY],
      problems: [],
    });
    expect(linux.count('queue.list')).toBe(0);
  });

  it('says why there is no queue: the engines’ reasons, or that its nodes are down', async () => {
    expect((await list(hubOf([node('n1', LINUX), node('n2', LINUX)]))).unavailable).toBe(
      `No node of Lab can show a MOSIX queue now: ${LINUX_CLAUSE}.`,
    );
    const down = node('n2', true);
    down.drop();
    const got = await list(hubOf([node('n1', LINUX), down]));
    expect(got).toMatchObject({
      jobs: [],
      unavailable: `No node of Lab can show a MOSIX queue now: ${LINUX_CLAUSE}; n2, which has a queue, is dead.`,
    });
  });

  it('refuses an answer that is not a queue, naming the node', async () => {
    const bad = node('n1', true, { at: 1, jobs: [{ ...ENTRY, pid: -1 }], problems: [] });
    await expect(list(hubOf([bad]))).rejects.toThrow(/^n1 sent a queue that is not valid/);
  });

  it('an unknown cluster is not found', async () => {
    await expect(hubHandlers['queue.list']({ clusterId: 'nope' }, {} as ConnectionState, hubOf([]))).rejects.toThrow(
      'There is no cluster "nope".',
    );
  });
});

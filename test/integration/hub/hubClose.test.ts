/**
 * Closing the hub: every node stops once, and SSH clusters still being loaded never start.
 * The SSH "nodes" are a TCP listener of this test on 127.0.0.1 that hangs up at once.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NodeSession } from '../../../electron/hub/nodes/nodeSession';
import { startHub, type HubHarness } from '../../support/hubHarness';
import { sshWorkspace, type SshWorkspace } from '../../support/sshHub';

let server: Server;
let port: number;
let dialled: number;
let ws: SshWorkspace;
let h: HubHarness | undefined;

beforeEach(async () => {
  dialled = 0;
  server = createServer((socket) => {
    dialled++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  ws = sshWorkspace();
  const node = (id: string) => ({ id, host: '127.0.0.1', settings: { port } });
  const saved = { id: 'c-saved', name: 'Saved', settings: { user: 'root' }, nodes: [node('n1'), node('n2')] };
  writeFileSync(join(ws.userData, 'clusters.json'), JSON.stringify({ version: 1, clusters: [saved] }));
});

afterEach(async () => {
  h?.hub.close();
  h = undefined;
  vi.restoreAllMocks();
  await new Promise((resolve) => server.close(resolve));
  ws.remove();
});

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('closing the hub', () => {
  it('stops each node once, "This computer" and the SSH nodes alike', async () => {
    h = startHub(ws.hubOptions());
    const clusters = await h.hub.clusters();
    const sessions = [...clusters.values()].flatMap((c) => c.nodes);
    expect(sessions).toHaveLength(3);
    const stop = vi.spyOn(NodeSession.prototype, 'stop');
    h.hub.close();
    await pause(100);
    for (const session of sessions) {
      expect(stop.mock.contexts.filter((c) => c === session)).toHaveLength(1);
      expect(session.isDisposed).toBe(true);
    }
  });

  it('never starts SSH clusters that were still being loaded', async () => {
    h = startHub(ws.hubOptions());
    h.hub.close();
    const clusters = await h.hub.clusters();
    expect(clusters.get('c-saved')?.nodes).toHaveLength(2);
    await pause(500);
    expect(
      h.events.filter((e) => e.event === 'node.state' && (e.payload as { clusterId: string }).clusterId === 'c-saved'),
    ).toEqual([]);
    expect(dialled).toBe(0);
  });

  it('dials its SSH nodes when it is not closed (so the test above can fail)', async () => {
    h = startHub(ws.hubOptions());
    await h.hub.clusters();
    await vi.waitFor(() => expect(dialled).toBeGreaterThanOrEqual(2), { timeout: 5000 });
  });
});

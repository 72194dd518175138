/**
 * Password logins on the netns test cluster: nodes whose sshd takes passwords (and whose root
 * has one), reached with no key at all. The password reaches the nodes and nothing else: not
 * clusters.json, not an event, not a log line. Root only; subnet 24.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSummary } from '../../../electron/api';
import type { HubLog } from '../../../electron/hub/log';
import { MemorySecretStore } from '../../../electron/hub/secrets/secretStore';
import { passwordHash, type TestCluster } from '../../cluster/testCluster';
import type { HubHarness } from '../../support/hubHarness';
import { type HubOnCluster, type SshWorkspace, startHubOnCluster, waitNodeState } from '../../support/sshHub';

const SUBNET = 24;
const PASSWORD = 'pw-24 Tr0ub4dor&3';
let cluster: TestCluster;
let ws: SshWorkspace;
let h: HubHarness;
let env: HubOnCluster;
let added: ClusterSummary;
const secrets = new MemorySecretStore();
/** Every line the hub logs, with the errors it logs them with. */
const logged: string[] = [];
const log: HubLog = {
  info: (m) => void logged.push(m),
  warn: (m, err) =>
    void logged.push(`${m} ${err instanceof Error ? `${err.message} ${err.stack ?? ''}` : String(err ?? '')}`),
};

beforeAll(async () => {
  const rootPasswordHash = await passwordHash(PASSWORD);
  env = await startHubOnCluster({ name: 'pw24', nodes: 2, subnet: SUBNET, rootPasswordHash }, { secrets }, { log });
  ({ cluster, ws, h } = env);
}, 60_000);

afterAll(() => env?.close());

const everythingSaid = (): string =>
  JSON.stringify(h.events) + readFileSync(join(ws.userData, 'clusters.json'), 'utf8');

describe('password logins', () => {
  it('brings every node up with the password alone (no key, no ssh-agent)', async () => {
    added = await h.ok('clusters.add', {
      name: 'Passwords',
      hosts: `10.210.${SUBNET}.11-12`,
      settings: { user: 'root', useAgent: false },
      secrets: { password: PASSWORD },
    });
    const up = await Promise.all(added.nodes.map((n) => waitNodeState(h, added.id, n.id, 'up')));
    expect(up.map((n) => n.hello?.node.hostname)).toEqual(['node1', 'node2']);
    // sshd's own log says how each login was made.
    const log = cluster.sshdLog(1);
    expect(log).toMatch(/Accepted password for root from 10\.210\.24\.1 /);
    expect(log).not.toMatch(/Accepted publickey/);
    expect(everythingSaid()).not.toContain(PASSWORD);
    expect(await secrets.get(`ssh/${added.id}/password`)).toBe(PASSWORD);
    // What the SSH settings dialog is told: that one is saved, never what it is.
    expect(await h.ok('secrets.saved', { clusterId: added.id, nodeId: 'n2' })).toEqual({
      cluster: { passphrase: false, password: true },
      node: { passphrase: false, password: false },
    });
  });

  it('names the user, the host and "password" when a node is given a wrong one, and never the password', async () => {
    const from = h.events.length;
    await h.ok('clusters.configure', {
      clusterId: added.id,
      nodeId: 'n2',
      settings: {},
      secrets: { password: 'not-the-password' },
    });
    const failed = await waitNodeState(h, added.id, 'n2', 'auth-failed', 10_000, from);
    expect(failed.reason).toContain(`root@${cluster.node(2).address}`);
    expect(failed.reason).toContain('tried password');
    expect(everythingSaid()).not.toContain('not-the-password');
    expect((await h.ok('secrets.saved', { clusterId: added.id, nodeId: 'n2' })).node).toEqual({
      passphrase: false,
      password: true,
    });
    // The other node keeps the cluster's password and stays up.
    expect((await h.ok('clusters.list', {})).find((c) => c.id === added.id)?.nodes[0]?.state).toBe('up');
  });

  it("comes back with the cluster's password once the node's own is forgotten", async () => {
    const from = h.events.length;
    await h.ok('clusters.configure', { clusterId: added.id, nodeId: 'n2', settings: {}, secrets: { password: '' } });
    expect(await secrets.get(`ssh/${added.id}/n2/password`)).toBeUndefined();
    expect((await h.ok('secrets.saved', { clusterId: added.id, nodeId: 'n2' })).node?.password).toBe(false);
    const noSuchNode = await h.conn.call('secrets.saved', { clusterId: added.id, nodeId: 'n9' });
    expect(noSuchNode).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await waitNodeState(h, added.id, 'n2', 'up', 10_000, from);
  });

  it('tries a wrong cluster password on one node only, so a shared account is not locked', async () => {
    const failedLogins = (): number =>
      [1, 2]
        .map((k) => cluster.sshdLog(k))
        .join('')
        .split('Failed password for root').length - 1;
    const before = failedLogins();
    const wrong = await h.ok('clusters.add', {
      name: 'Wrong password',
      hosts: `10.210.${SUBNET}.11-12`,
      settings: { user: 'root', useAgent: false },
      secrets: { password: 'wrong-for-everyone' },
    });
    const states = await Promise.all(wrong.nodes.map((n) => waitNodeState(h, wrong.id, n.id, 'auth-failed')));
    expect(failedLogins() - before).toBe(1);
    const withheld = states.filter((n) => n.reason?.includes('The saved password was not offered'));
    expect(withheld).toHaveLength(1);
    // Nothing retries by itself; Retry on the withheld node tries the password once more.
    await new Promise((r) => setTimeout(r, 2500));
    expect(failedLogins() - before).toBe(1);
    const from = h.events.length;
    await h.ok('nodes.reconnect', { clusterId: wrong.id, nodeId: withheld[0]!.id });
    await waitNodeState(h, wrong.id, withheld[0]!.id, 'auth-failed', 10_000, from);
    expect(failedLogins() - before).toBe(2);
    // The hub logged these failures (so the check below reads real lines), never the password.
    expect(logged.some((l) => l.includes('Permission denied'))).toBe(true);
    expect(everythingSaid()).not.toContain('wrong-for-everyone');
    await h.ok('clusters.remove', { clusterId: wrong.id });
  });

  it('forgets the password with the cluster', async () => {
    await h.ok('clusters.remove', { clusterId: added.id });
    expect(await secrets.get(`ssh/${added.id}/password`)).toBeUndefined();
  });
});

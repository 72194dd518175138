/**
 * Passwords through PAM, as many distributions set sshd up: keyboard-interactive only, no
 * "password" method. The hub must find that out ("none"), answer the one login prompt, and on a
 * wrong password stop after one failure instead of answering PAM's second prompt. Root only;
 * subnet 25.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordHash } from '../../cluster/testCluster';
import { type HubOnCluster, startHubOnCluster, waitNodeState } from '../../support/sshHub';

const SUBNET = 25;
const PASSWORD = 'pam-25 c0rrect';
let env: HubOnCluster;

beforeAll(async () => {
  const rootPasswordHash = await passwordHash(PASSWORD);
  env = await startHubOnCluster({ name: 'pam25', nodes: 1, subnet: SUBNET, rootPasswordHash, passwordByPam: true });
}, 60_000);
afterAll(() => env?.close());

const sshdLog = (): string => env.cluster.sshdLog(1);
const count = (text: string, what: RegExp): number => (text.match(new RegExp(what, 'g')) ?? []).length;

describe('a password checked through PAM (keyboard-interactive only)', () => {
  it('logs in with the password as the answer to the login prompt', async () => {
    const added = await env.h.ok('clusters.add', {
      name: 'PAM',
      hosts: `10.210.${SUBNET}.11`,
      settings: { user: 'root', useAgent: false },
      secrets: { password: PASSWORD },
    });
    const up = await waitNodeState(env.h, added.id, 'n1', 'up', 15_000);
    expect(up.hello?.node.hostname).toBe('node1');
    expect(sshdLog()).toMatch(/Accepted keyboard-interactive\/pam for root/);
    await env.h.ok('clusters.remove', { clusterId: added.id });
  });

  it('fails a wrong password after one try, with the reason, and does not try again by itself', async () => {
    const before = count(sshdLog(), /Failed keyboard-interactive\/pam for root/);
    const added = await env.h.ok('clusters.add', {
      name: 'PAM wrong',
      hosts: `10.210.${SUBNET}.11`,
      settings: { user: 'root', useAgent: false },
      secrets: { password: 'not it' },
    });
    const failed = await waitNodeState(env.h, added.id, 'n1', 'auth-failed', 15_000);
    expect(failed.reason).toContain('root@10.210.25.11');
    await new Promise((r) => setTimeout(r, 2500));
    expect(count(sshdLog(), /Failed keyboard-interactive\/pam for root/) - before).toBe(1);
    await env.h.ok('clusters.remove', { clusterId: added.id });
  });
});

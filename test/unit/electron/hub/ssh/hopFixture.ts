import type { SshHop } from '../../../../../electron/hub/ssh/sshTarget';

/** A hop to `node1` as root with nothing configured; tests override what they look at. */
export function testHop(extra: Partial<SshHop> = {}): SshHop {
  return {
    alias: 'node1',
    hostName: 'node1',
    port: 22,
    user: 'root',
    identityFiles: [],
    knownHostsFiles: [],
    acceptNewKeys: false,
    ...extra,
  };
}

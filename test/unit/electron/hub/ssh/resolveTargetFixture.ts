import type { NodeConfig, SshSecrets, SshSettings } from '../../../../../electron/api';
import { resolveTarget, type LocalSshContext } from '../../../../../electron/hub/ssh/resolveTarget';
import { parseSshConfig } from '../../../../../electron/hub/ssh/sshConfig';
import type { SshTarget } from '../../../../../electron/hub/ssh/sshTarget';

export const HOME = '/home/alice';
export const CTX: LocalSshContext = { localUser: 'alice', home: HOME, agentSocket: '/tmp/ssh-XXXX/agent.1' };

export interface Case {
  config?: string;
  cluster?: SshSettings;
  node?: SshSettings;
  host?: string;
  secrets?: SshSecrets;
  ctx?: LocalSshContext;
}

/** resolveTarget for one node, with ~/.ssh/config given as text. */
export function resolve({
  config = '',
  cluster = {},
  node = {},
  host = 'node1',
  secrets = {},
  ctx = CTX,
}: Case): SshTarget {
  const n: NodeConfig = { id: 'n1', host, settings: node };
  return resolveTarget(n, cluster, [parseSshConfig(config, '/home/alice/.ssh/config')], ctx, secrets);
}

/** What `run` threw (it must throw). */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('it did not throw');
}

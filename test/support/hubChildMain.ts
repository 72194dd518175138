/**
 * A hub in a process of its own (started by hubChild.ts, never by hand), so a test can kill -9
 * it in the middle of something and start another on the same user-data folder. SSH clusters
 * read only the given workspace; every event goes to the parent, and the parent's calls come back
 * as replies, over the IPC channel.
 */
import { createHub } from '../../electron/hub/hub';
import { stderrLog } from '../../electron/hub/log';
import { MemorySecretStore } from '../../electron/hub/secrets/secretStore';
import { AGENT_BUNDLE } from './dist';
import type { HubChildMessage, HubChildRequest, HubChildSpec } from './hubChild';

const spec = JSON.parse(process.argv[2] ?? '{}') as HubChildSpec;
const send = (m: HubChildMessage): void => void process.send?.(m);

const hub = createHub({
  version: 'test',
  shell: 'browser',
  agentBundlePath: AGENT_BUNDLE,
  nodePath: process.execPath,
  log: stderrLog,
  ssh: {
    userDataDir: spec.userData,
    secrets: new MemorySecretStore(),
    local: { home: spec.home, localUser: 'root', agentSocket: undefined },
    sshConfigPath: spec.sshConfigPath,
    systemSshConfigPath: null,
    maxBackoffMs: 1000,
  },
});
const conn = hub.connect((event, payload) => send({ type: 'event', event, payload }));

process.on('message', (m: HubChildRequest) => {
  void conn.call(m.method, m.params).then((reply) => send({ type: 'reply', id: m.id, reply }));
});
process.on('SIGTERM', () => {
  hub.close();
  process.exit(0);
});
void hub.clusters().then(() => send({ type: 'ready' }));

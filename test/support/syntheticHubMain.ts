/**
 * The synthetic hub's own process (started by syntheticHub.ts, never by hand): browser mode as
 * electron/web/main.ts builds it (createHub, startWebServer, the built renderer), with SSH
 * clusters added through the hub API whose agents are reached in memory (SyntheticFleet)
 * instead of over SSH. A process of its own, so its CPU and memory are the hub's alone.
 * Talks to its parent over the IPC channel: `ready` once, then answers to commands.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ClusterSummary } from '../../electron/api';
import { createHub } from '../../electron/hub/hub';
import { stderrLog } from '../../electron/hub/log';
import { MemorySecretStore } from '../../electron/hub/secrets/secretStore';
import { startWebServer } from '../../electron/web/server';
import { AGENT_BUNDLE, ROOT } from './dist';
import { SyntheticFleet } from './syntheticAgent';
import type { ChildCommand, ChildMessage, ChildSpec, SyntheticCluster } from './syntheticHub';

const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec;
const fleet = new SyntheticFleet();

const reply = (message: ChildMessage): void => void process.send?.(message);

/** `rack-a` and 200 nodes: `rack-a-n001` … `rack-a-n200`, the names the nodes answer hello with. */
const hostsOf = (name: string, count: number): string[] =>
  Array.from({ length: count }, (_, k) => `${name}-n${String(k + 1).padStart(String(count).length, '0')}`);

const hub = createHub({
  // The package's version, as the built app shows it.
  version: (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
  shell: 'browser',
  agentBundlePath: AGENT_BUNDLE,
  nodePath: process.execPath,
  log: stderrLog,
  ssh: {
    userDataDir: spec.userData,
    secrets: new MemorySecretStore(),
    // Nothing of the developer's SSH setup is read: these hosts do not exist.
    local: { home: spec.userData },
    sshConfigPath: join(spec.userData, 'no-ssh-config'),
    systemSshConfigPath: null,
    connectAgent: fleet.connect,
    ...(spec.maxBackoffMs !== undefined && { maxBackoffMs: spec.maxBackoffMs }),
  },
});

/** Every node of `clusters` in the state asked for (up, or dead for the dead ones). */
async function settled(clusters: SyntheticCluster[]): Promise<boolean> {
  const live = await hub.clusters();
  return clusters.every((c, ci) =>
    live.get(c.id)?.nodes.every((n, k) => n.snapshot.state === (spec.clusters[ci]?.dead?.includes(k) ? 'dead' : 'up')),
  );
}

/** Adds the clusters as the Add cluster dialog does (clusters.add), then waits for their nodes. */
async function addClusters(): Promise<SyntheticCluster[]> {
  const conn = hub.connect(() => undefined);
  const added: SyntheticCluster[] = [];
  // The fleet first: the hub connects to every node as soon as the cluster is added.
  // Numbered across clusters, so no two nodes of the hub have the same figures.
  let serial = 0;
  for (const c of spec.clusters)
    hostsOf(c.name, c.nodes).forEach((h, k) => fleet.add(h, serial++, h, c.dead?.includes(k), c.processes));
  for (const c of spec.clusters) {
    const hosts = hostsOf(c.name, c.nodes);
    const r = await conn.call('clusters.add', { name: c.name, hosts: hosts.join('\n'), settings: {} });
    if (!r.ok) throw new Error(`clusters.add ${c.name}: ${r.error.message}`);
    const summary = r.value as ClusterSummary;
    added.push({ id: summary.id, name: c.name, nodeIds: summary.nodes.map((n) => n.id), hosts });
  }
  conn.close();
  const deadline = Date.now() + 30_000;
  while (!(await settled(added))) {
    if (Date.now() > deadline) throw new Error('the synthetic nodes were not all up (or dead) within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return added;
}

async function historyBytes(clusters: SyntheticCluster[]): Promise<{ bytes: number; nodes: number }> {
  const live = await hub.clusters();
  const nodes = clusters.flatMap((c) => live.get(c.id)?.nodes ?? []);
  return { bytes: nodes.reduce((sum, n) => sum + n.history.bytes, 0), nodes: nodes.length };
}

async function main(): Promise<void> {
  const server = await startWebServer({ hub, rendererDir: resolve(ROOT, 'dist/renderer'), log: stderrLog, port: 0 });
  const clusters = await addClusters();
  process.on('message', (raw) => {
    const cmd = raw as ChildCommand;
    const answer = async (): Promise<ChildMessage> => {
      if (cmd.type === 'setDead') {
        const cluster = clusters.find((c) => c.id === cmd.clusterId);
        const host = cluster?.hosts[cmd.k];
        if (!host) return { type: 'error', seq: cmd.seq, message: `no node ${cmd.k} in ${cmd.clusterId}` };
        fleet.setDead(host, cmd.dead);
        return { type: 'done', seq: cmd.seq };
      }
      const history = await historyBytes(clusters);
      return {
        type: 'stats',
        seq: cmd.seq,
        historyBytes: history.bytes,
        nodes: history.nodes,
        samples: fleet.samplesSent,
        procNotes: fleet.counts.procNotes,
        procRows: fleet.counts.procRows,
      };
    };
    void answer().then(reply);
  });
  const shutdown = (): void => {
    hub.close();
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  // The parent is gone (even SIGKILLed): nothing is left running.
  process.on('disconnect', shutdown);
  reply({ type: 'ready', url: server.url, clusters });
}

main().catch((err: unknown) => {
  process.stderr.write(`synthetic hub: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

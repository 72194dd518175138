/**
 * A test cluster for the agent's /etc/mosix methods: agents run inside its nodes (as root, or as
 * nobody with a state dir of its own), and small helpers that look at a node's files from inside.
 */
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ConfigSnapshot, StageResult, SwitchResult } from '../../agent/src/protocol/configTypes';
import { startTestCluster, type TestCluster, type TestClusterOptions } from '../cluster/testCluster';
import { agentInNode } from './agentInNode';
import type { AgentProcess } from './agentProcess';
import { copyBundleForOtherUsers } from './bundleCopy';

export const NOBODY = 65534;
export const CONFIG_DIR = '/etc/mosix';

export interface ConfigNodes {
  cluster: TestCluster;
  /** The copy of the bundle the nodes run (readable by nobody). */
  bundlePath: string;
  /** Runs argv inside node k and returns its stdout; a failure throws with its stderr. */
  inNode(k: number, argv: string[], input?: string): Promise<string>;
  /** /etc/mosix/<name> on node k, as the node reads it. */
  cat(k: number, name: string): Promise<string>;
  /** What is under /etc/mosix/.mosdesk/staged on node k ('' when nothing or no such directory). */
  staged(k: number): Promise<string>;
  /**
   * Builds on node k, by hand, the state a crash leaves in the middle of switching apply `id`
   * (already staged): its backup complete (`old`: each file's text before, null for absent), then
   * the `switching` marker; no file renamed yet.
   */
  crashMidSwitch(k: number, id: string, old: Record<string, string | null>): Promise<void>;
  /** `node <bundle> --config-op` in node k (as root, or as `uid`) with `op` on stdin: its status and parsed reply. */
  configOp(k: number, op: unknown, uid?: number): Promise<{ code: number; reply: unknown }>;
  /** A greeted agent in node k, as root or as `uid`. */
  agent(k: number, uid?: number): Promise<AgentProcess>;
  down(): Promise<void>;
}

export async function startConfigNodes(options: TestClusterOptions): Promise<ConfigNodes> {
  const bundle = copyBundleForOtherUsers();
  const stateDir = mkdtempSync(join(tmpdir(), `mosdesk-${options.name}-`));
  chownSync(stateDir, NOBODY, NOBODY);
  const agents: AgentProcess[] = [];
  let cluster: TestCluster;
  try {
    cluster = await startTestCluster(options);
  } catch (err) {
    bundle.remove();
    rmSync(stateDir, { recursive: true, force: true });
    throw err;
  }
  const inNode = async (k: number, argv: string[], input?: string) => {
    const r = await cluster.run(k, argv, input === undefined ? {} : { input });
    if (r.code !== 0) throw new Error(`${argv.join(' ')} on node${k}: status ${r.code}: ${r.stderr}`);
    return r.stdout;
  };
  return {
    cluster,
    bundlePath: bundle.path,
    inNode,
    cat: (k, name) => inNode(k, ['cat', `${CONFIG_DIR}/${name}`]),
    staged: async (k) => (await inNode(k, ['ls', '-A', `${CONFIG_DIR}/.mosdesk/staged`]).catch(() => '')).trim(),
    async crashMidSwitch(k, id, old) {
      const backup = `${CONFIG_DIR}/.mosdesk/backups/${id}`;
      for (const [name, text] of Object.entries(old)) {
        if (text === null) continue;
        await inNode(k, ['mkdir', '-p', dirname(`${backup}/files/${name}`)]);
        await inNode(k, ['tee', `${backup}/files/${name}`], text);
      }
      const files = Object.entries(old).map(([name, text]) => ({ name, present: text !== null }));
      await inNode(k, ['tee', `${backup}/backup.json`], JSON.stringify({ id, at: Date.now(), files }));
      await inNode(k, ['tee', `${CONFIG_DIR}/.mosdesk/staged/${id}/switching`], `${Date.now()}\n`);
    },
    async configOp(k, op, uid) {
      const asUser = uid === undefined ? [] : ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups'];
      const argv = [...asUser, process.execPath, bundle.path, '--config-op'];
      const r = await cluster.run(k, argv, { input: JSON.stringify(op) });
      return { code: r.code, reply: JSON.parse(r.stdout) as unknown };
    },
    async agent(k, uid) {
      const env: Record<string, string> =
        uid === undefined ? {} : { MOSDESK_AGENT_STATE_DIR: stateDir, HOME: stateDir };
      const a = await agentInNode(cluster, k, { bundle: bundle.path, ...(uid === undefined ? {} : { uid }), env });
      agents.push(a);
      await a.ok('hello', { protocolVersion: 1 });
      return a;
    },
    async down() {
      for (const a of agents) a.stop();
      await cluster.down();
      bundle.remove();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export const readConfig = (a: AgentProcess) => a.ok<ConfigSnapshot>('config.read');
export const stageConfig = (a: AgentProcess, applyId: string, changes: unknown[]) =>
  a.ok<StageResult>('config.stage', { applyId, changes });
export const switchConfig = (a: AgentProcess, applyId: string) => a.ok<SwitchResult>('config.switch', { applyId });

/**
 * A real hub in browser mode whose clusters are synthetic: N nodes each, their agents fake but
 * speaking the real protocol, each sending its own figures once a second into the hub's normal
 * path (node sessions, history rings, batches to the window). For benches and e2e screenshots.
 * The hub runs in a process of its own (syntheticHubMain.ts), so its CPU is measurable apart
 * from the test's. Needs `npm run build` (the renderer and the agent bundle).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { AGENT_BUNDLE, requireBuilt, ROOT } from './dist';

export interface SyntheticClusterSpec {
  /** The cluster's name, also the prefix of its hosts: `<name>-n001` …. */
  name: string;
  nodes: number;
  /** Indexes (0-based) of nodes that are dead from the start. */
  dead?: number[];
  /** Processes in each node's table (default 40): N nodes × this many rows in the process view. */
  processes?: number;
}

export interface SyntheticHubOptions {
  clusters: SyntheticClusterSpec[];
  /** Ceiling of the hub's reconnect backoff (default the hub's, 10 s): how soon a revived node is up. */
  maxBackoffMs?: number;
}

export interface SyntheticCluster {
  id: string;
  name: string;
  /** The hub's node ids, index k for node k. */
  nodeIds: string[];
  hosts: string[];
}

export interface SyntheticHubStats {
  /** Bytes held by the history rings of every synthetic node. */
  historyBytes: number;
  nodes: number;
  /** Metrics notifications the fake agents have sent so far. */
  samples: number;
  /** `procs` notifications they have sent, and the rows those upserted or removed. */
  procNotes: number;
  procRows: number;
}

export interface SyntheticHub {
  /** The address to open, token included (append a `#/…` route as wanted). */
  url: URL;
  /** The hub's process, for CPU and memory from /proc. */
  pid: number;
  clusters: SyntheticCluster[];
  /** Node k of the cluster loses its link at once (dead: true) or can be reached again. */
  setDead(clusterId: string, k: number, dead: boolean): Promise<void>;
  stats(): Promise<SyntheticHubStats>;
  stderr(): string;
  stop(): Promise<void>;
}

/** What the parent and syntheticHubMain.ts say to each other. */
export interface ChildSpec extends SyntheticHubOptions {
  userData: string;
}
export type ChildCommand =
  { type: 'setDead'; seq: number; clusterId: string; k: number; dead: boolean } | { type: 'stats'; seq: number };
export type ChildMessage =
  | { type: 'ready'; url: string; clusters: SyntheticCluster[] }
  | { type: 'done'; seq: number }
  | { type: 'error'; seq: number; message: string }
  | ({ type: 'stats'; seq: number } & SyntheticHubStats);

const MAIN = resolve(ROOT, 'test/support/syntheticHubMain.ts');
const STDERR_KEEP = 64 * 1024;

/** Starts the hub, adds the clusters and resolves once every node is up (or dead as asked). */
export async function startSyntheticHub(options: SyntheticHubOptions): Promise<SyntheticHub> {
  requireBuilt(AGENT_BUNDLE, resolve(ROOT, 'dist/renderer/index.html'));
  const userData = mkdtempSync(join(tmpdir(), 'mosdesk-synthetic-'));
  const spec: ChildSpec = { ...options, userData };
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.SSH_AUTH_SOCK;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN, JSON.stringify(spec)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-STDERR_KEEP)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    // A hub that does not close within 5 s is not waited for any longer.
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
    rmSync(userData, { recursive: true, force: true });
  };
  try {
    const ready = await waitReady(child, () => stderr);
    return {
      url: new URL(ready.url),
      pid: child.pid ?? 0,
      clusters: ready.clusters,
      stderr: () => stderr,
      stop,
      ...commands(child),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function waitReady(child: ChildProcess, stderr: () => string): Promise<Extract<ChildMessage, { type: 'ready' }>> {
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the synthetic hub was not ready in 60 s; stderr: ${stderr()}`)),
      60_000,
    );
    child.on('message', (m: ChildMessage) => {
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      resolveReady(m);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the synthetic hub exited with ${code}; stderr: ${stderr()}`));
    });
  });
}

/** setDead and stats over the IPC channel, each answered by its sequence number. */
function commands(child: ChildProcess): Pick<SyntheticHub, 'setDead' | 'stats'> {
  let seq = 0;
  const ask = (cmd: ChildCommand): Promise<ChildMessage> =>
    new Promise((resolveAnswer, reject) => {
      const onMessage = (m: ChildMessage): void => {
        if (m.type === 'ready' || m.seq !== cmd.seq) return;
        child.off('message', onMessage);
        if (m.type === 'error') reject(new Error(m.message));
        else resolveAnswer(m);
      };
      child.on('message', onMessage);
      child.send(cmd);
    });
  return {
    setDead: async (clusterId, k, dead) => void (await ask({ type: 'setDead', seq: ++seq, clusterId, k, dead })),
    stats: async () => {
      const m = await ask({ type: 'stats', seq: ++seq });
      if (m.type !== 'stats') throw new Error(`unexpected answer ${m.type}`);
      return {
        historyBytes: m.historyBytes,
        nodes: m.nodes,
        samples: m.samples,
        procNotes: m.procNotes,
        procRows: m.procRows,
      };
    },
  };
}

/** The cluster monitor's route, `#/c/<clusterId>/monitor`, on the hub's address. */
export function monitorUrl(hub: SyntheticHub, clusterId: string): string {
  return `${hub.url.href}#/c/${encodeURIComponent(clusterId)}/monitor`;
}

/** The cluster's process view, `#/c/<clusterId>/processes`, on the hub's address. */
export function processesUrl(hub: SyntheticHub, clusterId: string): string {
  return `${hub.url.href}#/c/${encodeURIComponent(clusterId)}/processes`;
}

/**
 * Puts `clusterId` on screen: the page opened on its route shows it when the router knows the
 * route; otherwise (an app without it) the cluster is chosen in the sidebar. True when the
 * route alone did it.
 */
export async function showCluster(page: Page, clusterId: string): Promise<boolean> {
  const choose = page.locator(
    `[data-testid="sidebar-cluster"][data-cluster-id="${clusterId}"] [data-testid="select-cluster"]`,
  );
  await choose.waitFor({ timeout: 30_000 });
  const chosen = async (): Promise<boolean> => (await choose.getAttribute('aria-current')) === 'true';
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    if (await chosen()) return true;
    await page.waitForTimeout(100);
  }
  await choose.click();
  return false;
}

import { join } from 'node:path';
import { issueSentence, type IssueLike } from '../../agent/src/protocol/issueSentence';
import type { EventName, HubEvents, HubNotice, Reply } from '../api';
import { isMethod } from '../api';
import { hubHandlers, type HubContext } from './api/handlers';
import { hubParamsSchemas } from './api/paramsSchemas';
import type { ConnectionState } from './api/connection';
import { summarize, type Cluster } from './clusters/cluster';
import { createLocalCluster } from './clusters/localCluster';
import type { SshClusters } from './clusters/sshClusters';
import { createSshSide, type Broadcast, type HubSshOptions } from './hubSsh';
import { HubError, toHubErrorData, messageOf } from './errors';
import type { HubLog } from './log';
import { NoticeBoard } from './notices';
import { createHubConfig } from './config/hubConfig';
import { createHubTasks, localUser } from './tasks/hubTasks';

export interface HubOptions {
  version: string;
  shell: 'electron' | 'browser';
  agentBundlePath: string;
  /** The Node binary that runs the local agent. */
  nodePath: string;
  log: HubLog;
  /** SSH clusters; without it the hub has only "This computer". */
  ssh?: HubSshOptions;
}

export interface HubConnection {
  /** Never throws: failures come back as `{ ok: false, error }`. */
  call(method: unknown, params: unknown): Promise<Reply<unknown>>;
  close(): void;
}

export interface Hub {
  /** `isBehind`: the transport cannot keep up for now (see ConnectionState). */
  connect(
    emit: <E extends EventName>(event: E, payload: HubEvents[E]) => void,
    isBehind?: () => boolean,
  ): HubConnection;
  /** The live clusters, once the saved ones are loaded: for the shells and for tests. */
  clusters(): Promise<ReadonlyMap<string, Cluster>>;
  close(): void;
}

function describeParamsError(method: string, issues: IssueLike[]): string {
  return `Bad parameters for ${method}${issues[0]?.path.length ? ' ' : ': '}${issueSentence(issues)}.`;
}

/** "This computer" at once, then the saved SSH clusters. */
function startClusters(opts: HubOptions, broadcast: Broadcast): HubContext {
  const clusters = new Map<string, Cluster>();
  const local = createLocalCluster({
    agentBundlePath: opts.agentBundlePath,
    nodePath: opts.nodePath,
    log: opts.log,
    onNodeChange: (clusterId, node) => broadcast('node.state', { clusterId, node }),
  });
  clusters.set(local.id, local);
  for (const node of local.nodes) node.start();
  const ssh = opts.ssh
    ? createSshSide(opts.ssh, opts.agentBundlePath, opts.log, clusters, broadcast, () =>
        [...clusters.values()].map(summarize),
      )
    : undefined;
  const announce = (list: HubNotice[]): void => broadcast('notices.changed', { notices: list });
  const notices = new NoticeBoard(
    announce,
    opts.ssh
      ? { path: join(opts.ssh.userDataDir, 'notices.json'), warn: (m, err) => opts.log.warn(m, err) }
      : undefined,
  );
  const tasks = createHubTasks({
    userDataDir: opts.ssh?.userDataDir,
    log: opts.log,
    notices,
    onChange: (task) => broadcast('task.changed', { task }),
  });
  const config = createHubConfig({
    clusters,
    userDataDir: opts.ssh?.userDataDir,
    log: opts.log,
    localUser: localUser(),
    showTask: (task) => tasks.runner.show(task),
    emit: (apply) => broadcast('config.apply.changed', { apply }),
    notice: (text) => void notices.raise('error', text),
  });
  return {
    appInfo: { version: opts.version, shell: opts.shell },
    clusters,
    ssh,
    notices,
    tasks: tasks.runner,
    config,
    // Saved clusters start at once; requests that need them wait for this.
    // Both at once: a notice raised before the kept ones are read is merged in by load().
    // The journal of applies after them: recovering an apply needs its cluster's nodes.
    ready: Promise.all([
      notices.load(),
      ssh ? loadSavedClusters(ssh.clusters, opts.log, notices) : undefined,
      tasks.loaded,
    ]).then(() => config.start()),
  };
}

/** Starts the saved SSH clusters; what went wrong is logged and shown to the user. */
async function loadSavedClusters(sshClusters: SshClusters, log: HubLog, notices: NoticeBoard): Promise<void> {
  try {
    const warning = await sshClusters.loadSaved();
    if (warning === undefined) return;
    log.warn(warning);
    notices.raise('warning', warning);
  } catch (err) {
    log.warn('the saved clusters could not be read', err);
    const why = messageOf(err);
    notices.raise(
      'error',
      `The saved clusters could not be read: ${why} None was started, and mosdesk will not change the file until it can read it: fix it, then start mosdesk again.`,
    );
  }
}

/** The hub: clusters, node sessions and the API every shell exposes. No Electron here. */
export function createHub(opts: HubOptions): Hub {
  const connections = new Set<ConnectionState>();
  // Set once the context is made: "This computer" may report its node before.
  const started: { ctx?: HubContext } = {};
  const broadcast: Broadcast = (event, payload) => {
    // A node is back: applies of its cluster that wait for nodes try again.
    if (event === 'node.state') {
      const { clusterId, node } = payload as HubEvents['node.state'];
      if (node.state === 'up') started.ctx?.config?.nodeUp(clusterId);
    }
    for (const conn of connections) {
      // Nodes joined or left a cluster: open streams follow before the windows hear of it.
      if (event === 'clusters.changed') for (const sub of conn.subscriptions.values()) sub.sync();
      conn.emit(event, payload);
    }
  };
  const ctx = startClusters(opts, broadcast);
  started.ctx = ctx;

  return {
    connect(emit, isBehind) {
      const conn: ConnectionState = { emit, subscriptions: new Map(), ...(isBehind && { isBehind }) };
      connections.add(conn);
      return {
        async call(method, params) {
          try {
            if (!isMethod(method))
              throw new HubError('bad-request', `Unknown hub method "${String(method).slice(0, 100)}".`);
            const parsed = hubParamsSchemas[method].safeParse(params ?? {});
            if (!parsed.success) throw new HubError('bad-request', describeParamsError(method, parsed.error.issues));
            const handler = hubHandlers[method] as (p: unknown, c: ConnectionState, h: HubContext) => Promise<unknown>;
            await ctx.ready;
            return { ok: true, value: await handler(parsed.data, conn, ctx) };
          } catch (err) {
            if (!(err instanceof HubError)) opts.log.warn(`hub call ${String(method)} failed`, err);
            return { ok: false, error: toHubErrorData(err) };
          }
        },
        close() {
          for (const sub of conn.subscriptions.values()) sub.stop();
          conn.subscriptions.clear();
          connections.delete(conn);
        },
      };
    },
    clusters: () => ctx.ready.then(() => ctx.clusters),
    close() {
      // Tasks first: one in flight ends as closed, not as a link the hub itself cut. An apply
      // goes on to its end or to `recovering` in its journal, without telling the windows.
      ctx.config?.close();
      ctx.tasks?.close();
      // One path, each node once: "This computer" here, the SSH nodes by their manager, which
      // also keeps clusters still being loaded from starting.
      for (const cluster of ctx.clusters.values())
        if (cluster.kind === 'local') for (const node of cluster.nodes) node.dispose();
      ctx.ssh?.clusters.stopAll();
    },
  };
}

import type { EventName, HubEvents, Reply } from '../api';
import { isMethod } from '../api';
import { hubHandlers, type HubContext } from './api/handlers';
import { hubParamsSchemas } from './api/paramsSchemas';
import type { ConnectionState } from './api/connection';
import { createLocalCluster } from './clusters/localCluster';
import { HubError, toHubErrorData } from './errors';
import type { HubLog } from './log';

export interface HubOptions {
  version: string;
  shell: 'electron' | 'browser';
  agentBundlePath: string;
  /** The Node binary that runs the local agent. */
  nodePath: string;
  log: HubLog;
}

export interface HubConnection {
  /** Never throws: failures come back as `{ ok: false, error }`. */
  call(method: unknown, params: unknown): Promise<Reply<unknown>>;
  close(): void;
}

export interface Hub {
  connect(emit: <E extends EventName>(event: E, payload: HubEvents[E]) => void): HubConnection;
  close(): void;
}

function describeParamsError(method: string, issues: { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  const where = issue && issue.path.length > 0 ? ` "${issue.path.map(String).join('.')}"` : '';
  return `Bad parameters for ${method}${where}: ${issue?.message ?? 'invalid'}.`;
}

/** The hub: clusters, node sessions and the API every shell exposes. No Electron here. */
export function createHub(opts: HubOptions): Hub {
  const connections = new Set<ConnectionState>();
  const ctx: HubContext = { appInfo: { version: opts.version, shell: opts.shell }, clusters: new Map() };
  const local = createLocalCluster({
    agentBundlePath: opts.agentBundlePath,
    nodePath: opts.nodePath,
    log: opts.log,
    onNodeChange: (clusterId, node) => {
      for (const conn of connections) conn.emit('node.state', { clusterId, node });
    },
  });
  ctx.clusters.set(local.id, local);
  for (const node of local.nodes) node.start();

  return {
    connect(emit) {
      const conn: ConnectionState = { emit, subscriptions: new Map() };
      connections.add(conn);
      return {
        async call(method, params) {
          try {
            if (!isMethod(method))
              throw new HubError('bad-request', `Unknown hub method "${String(method).slice(0, 100)}".`);
            const parsed = hubParamsSchemas[method].safeParse(params ?? {});
            if (!parsed.success) throw new HubError('bad-request', describeParamsError(method, parsed.error.issues));
            const handler = hubHandlers[method] as (p: unknown, c: ConnectionState, h: HubContext) => Promise<unknown>;
            return { ok: true, value: await handler(parsed.data, conn, ctx) };
          } catch (err) {
            if (!(err instanceof HubError)) opts.log.warn(`hub call ${String(method)} failed`, err);
            return { ok: false, error: toHubErrorData(err) };
          }
        },
        close() {
          for (const stop of conn.subscriptions.values()) stop();
          conn.subscriptions.clear();
          connections.delete(conn);
        },
      };
    },
    close() {
      for (const cluster of ctx.clusters.values()) for (const node of cluster.nodes) node.stop();
    },
  };
}

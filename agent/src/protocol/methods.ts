/**
 * Every agent method, in one place: its params schema (checked before the handler runs),
 * its result type, and what it does. The hub imports the types; the agent imports the schemas.
 */
import type { ClusterMap } from './clusterMapTypes';
import type { BackupContent, ConfigSnapshot, StageResult, SwitchResult } from './configTypes';
import { APPLY_ID, CONFIG_FILE_NAME, MAX_CONFIG_FILE_BYTES } from './configTypes';
import type { ActionResult, JobOutput, JobRecord } from './jobTypes';
import type { MetricsSample, NodeStatus } from './metricsTypes';
import type { ProcChanges, ProcList } from './procTypes';
import type { QueueActionResult, QueueList } from './queueTypes';
import * as z from 'zod/mini';
import { absolutePath, int, jobId, pid, runId, strictObject, text, userName } from './schemaKit';
import type { Hello } from './types';

const disks = () => z.optional(z.array(absolutePath()).check(z.minLength(1), z.maxLength(32)));

const procFilter = {
  /** mosps -L / -O / -V, or only the agent's jobs; `all` by default. */
  scope: z.optional(z.enum(['all', 'local', 'away', 'guests', 'jobs'])),
  /** mosps -J: only processes of this Job ID. */
  jobId: z.optional(jobId()),
  /** Only processes of this user. */
  user: z.optional(userName()),
};

/**
 * The target of a job-control action: one process (`pid`), or every process of a Job ID
 * (`migrate -J`, `moskillall -J`) of `user` (the agent's own user by default; another user's needs root).
 */
const target = strictObject({ pid: z.optional(pid()), jobId: z.optional(jobId()), user: z.optional(userName()) }).check(
  z.refine((t) => (t.pid === undefined) !== (t.jobId === undefined), {
    message: 'give either "pid" or "jobId", not both and not neither',
  }),
  z.refine((t) => t.user === undefined || t.jobId !== undefined, { message: '"user" goes with "jobId" only' }),
);

const withTarget = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.intersection(target, strictObject(shape)) as unknown as z.ZodMiniType<
    z.infer<typeof target> & z.infer<z.ZodMiniObject<S>>
  >;

const applyId = () => z.string().check(z.regex(APPLY_ID, 'must be an apply id made by the hub'));
const configFileName = () =>
  z.string().check(z.regex(CONFIG_FILE_NAME, 'must be a file of /etc/mosix: mosix.map, partners/<name>, ...'));

export const paramsSchemas = {
  /** Handshake; must come first and may be re-sent. Fails with VersionMismatch on protocol skew. */
  hello: strictObject({ protocolVersion: int(0, 1_000_000) }),
  /** Liveness probe, so a slow node can be told apart from a dead one. */
  ping: strictObject({}),
  /** One metrics sample read now; rates compare with this session's previous `metrics.read`. */
  'metrics.read': strictObject({ disks: disks() }),
  /** The `mosctl status` / `localstatus` fields for this node. */
  'status.read': strictObject({}),
  /**
   * Starts a stream. `metrics`: a `metrics` notification every `intervalMs` (disks: mount points,
   * "/" by default). `procs`: a `procs` notification with the changes of the process table
   * (the whole table first), filtered like `procs.list`. Sampling pauses while stdout is not drained.
   */
  subscribe: strictObject({
    topic: z.enum(['metrics', 'procs']),
    intervalMs: int(250, 60_000),
    disks: disks(),
    ...procFilter,
  }),
  /** Ends a stream started by `subscribe`. */
  unsubscribe: strictObject({ subscriptionId: z.string().check(z.minLength(1), z.maxLength(64)) }),
  /** The `mosps` view of the node's processes. `limit` caps the rows (by pid order). */
  'procs.list': strictObject({ ...procFilter, limit: z.optional(int(1, 1_000_000)) }),
  /** Freezes a process or a job (`migrate freeze`): cgroup freezer for jobs where possible, else SIGSTOP. */
  'proc.freeze': target,
  /** Continues what `proc.freeze` froze (`migrate continue`). */
  'proc.continue': target,
  /** Sends a signal (`kill`, `moskillall -J`). `signal` is a name such as "SIGTERM". */
  'proc.signal': withTarget({
    signal: z.string().check(z.regex(/^SIG[A-Z0-9+]{2,10}$/, 'must be a signal name such as "SIGTERM"')),
  }),
  /** `migrate {pid|-J} {node|home|out}`; on the linux engine it fails with the capability's reason. */
  'proc.migrate': withTarget({ to: text(255).check(z.minLength(1)) }),
  /** `migrate {pid|-J} {checkpoint|chkstop|chkexit}`; on the linux engine it fails with the capability's reason. */
  'proc.checkpoint': withTarget({ then: z.enum(['continue', 'stop', 'exit']) }),
  /**
   * Starts a job, as `mosrun` on this node: `argv` in `cwd` with the agent's environment plus
   * `env`, detached from the session (it outlives the agent), stdout and stderr to files.
   * `memMb` is the declared need (mosrun -m): a node with less available memory refuses the job.
   * `dueMinutes` is the expected run time (mosrun -D), shown as DUE.
   * `mosrun`: on a MOSIX node, the job is started as `mosrun <these options> argv...`, so MOSIX
   * places it; a plain Linux node refuses the job rather than dropping them.
   */
  'job.run': strictObject({
    argv: z.array(text(65_536)).check(z.minLength(1), z.maxLength(4096)),
    cwd: absolutePath(),
    env: z.optional(
      z.record(
        z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be an environment variable name')),
        text(131_072),
      ),
    ),
    jobId: z.optional(jobId()),
    memMb: z.optional(int(1, 16_777_216)),
    dueMinutes: z.optional(int(1, 100 * 24 * 60)),
    mosrun: z.optional(
      z.array(text(4096).check(z.regex(/^-/, 'each mosrun option starts with "-"'))).check(z.maxLength(64)),
    ),
  }),
  /** The agent's job records for its user, newest first; ended runs too unless `includeEnded` is false. */
  'jobs.list': strictObject({ includeEnded: z.optional(z.boolean()) }),
  /** Reads a job's stdout or stderr from `offset`, at most `maxBytes` (64 KiB by default). */
  'job.output': strictObject({
    runId: runId(),
    stream: z.enum(['stdout', 'stderr']),
    offset: int(0, Number.MAX_SAFE_INTEGER),
    maxBytes: z.optional(int(1, 1024 * 1024)),
  }),
  /** Deletes an ended job's record and output files. */
  'job.forget': strictObject({ runId: runId() }),
  /**
   * The MOSIX cluster map of this node, /etc/mosix/mosix.map: its entries and the numbered
   * node list they expand to (a host name standing for several nodes is resolved here, as
   * MOSIX does, and counted on from its address). The path takes no params, so a caller
   * can never read another file. NotFound when the node has no map (not a MOSIX node);
   * CommandFailed, naming the line, when the map has a bad line.
   */
  'cluster.map': strictObject({}),
  /** The cluster's job queue as `mosq listall` prints it; Unsupported with the reason where there is none. */
  'queue.list': strictObject({}),
  /**
   * `mosq delete|run|advance|retard {pid}` and `mosq cngpri {priority} {pid}`. Returns when mosq
   * took the request; the queue shows the effect.
   */
  'queue.act': strictObject({
    op: z.enum(['delete', 'run', 'cngpri', 'advance', 'retard']),
    pid: pid(),
    priority: z.optional(int(0, 1000)),
  }).check(
    z.refine((p) => (p.op === 'cngpri') === (p.priority !== undefined), {
      message: '"priority" goes with "cngpri", and "cngpri" needs it',
    }),
  ),
  /** Every /etc/mosix file mosdesk knows (partners/ listed), whether this agent can write them, pending applies and backups. */
  'config.read': strictObject({}),
  /**
   * Checks each change's `base` against the file now, validates the new set on this node (hosts
   * resolve here, freeze directories exist) and writes it to a staging directory beside
   * /etc/mosix, fsynced. Conflicts and problems come back as data, with nothing staged.
   */
  'config.stage': strictObject({
    applyId: applyId(),
    changes: z
      .array(
        strictObject({
          name: configFileName(),
          text: z.nullable(text(MAX_CONFIG_FILE_BYTES)),
          base: z.nullable(z.string().check(z.regex(/^[0-9a-f]{64}$/, 'must be a sha256 from config.read'))),
        }),
      )
      .check(z.minLength(1), z.maxLength(64)),
  }),
  /** Backs up the files an apply replaces and renames its staged files into place. */
  'config.switch': strictObject({ applyId: applyId() }),
  /** Removes a staged apply (nothing switched); removed: false when there was none. */
  'config.discard': strictObject({ applyId: applyId() }),
  /** The files as they were before apply `backupId` switched. */
  'config.backup': strictObject({ backupId: applyId() }),
} as const;

export type AgentMethod = keyof typeof paramsSchemas;

type P<M extends AgentMethod> = z.infer<(typeof paramsSchemas)[M]>;

export interface AgentMethods {
  hello: { params: P<'hello'>; result: Hello };
  ping: { params: P<'ping'>; result: { pong: true; at: number } };
  'metrics.read': { params: P<'metrics.read'>; result: MetricsSample };
  'status.read': { params: P<'status.read'>; result: NodeStatus };
  subscribe: { params: P<'subscribe'>; result: { subscriptionId: string } };
  unsubscribe: { params: P<'unsubscribe'>; result: { removed: boolean } };
  'procs.list': { params: P<'procs.list'>; result: ProcList };
  'proc.freeze': { params: P<'proc.freeze'>; result: ActionResult };
  'proc.continue': { params: P<'proc.continue'>; result: ActionResult };
  'proc.signal': { params: P<'proc.signal'>; result: ActionResult };
  'proc.migrate': { params: P<'proc.migrate'>; result: ActionResult };
  'proc.checkpoint': { params: P<'proc.checkpoint'>; result: ActionResult };
  'job.run': { params: P<'job.run'>; result: JobRecord };
  'jobs.list': { params: P<'jobs.list'>; result: JobRecord[] };
  'job.output': { params: P<'job.output'>; result: JobOutput };
  'job.forget': { params: P<'job.forget'>; result: { removed: boolean } };
  'cluster.map': { params: P<'cluster.map'>; result: ClusterMap };
  'queue.list': { params: P<'queue.list'>; result: QueueList };
  'queue.act': { params: P<'queue.act'>; result: QueueActionResult };
  'config.read': { params: P<'config.read'>; result: ConfigSnapshot };
  'config.stage': { params: P<'config.stage'>; result: StageResult };
  'config.switch': { params: P<'config.switch'>; result: SwitchResult };
  'config.discard': { params: P<'config.discard'>; result: { removed: boolean } };
  'config.backup': { params: P<'config.backup'>; result: BackupContent };
}

/** Notifications the agent sends without being asked, after `subscribe`. */
export interface AgentNotifications {
  metrics: { subscriptionId: string; sample: MetricsSample };
  procs: { subscriptionId: string; changes: ProcChanges };
}

export type Params<M extends AgentMethod> = AgentMethods[M]['params'];
export type Result<M extends AgentMethod> = AgentMethods[M]['result'];

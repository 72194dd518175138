import { createHash, randomBytes } from 'node:crypto';
import type { Client } from 'ssh2';
import type { AgentBundle } from './agentBundle';
import { BUNDLE_NAME_PATTERN } from './agentBundle';
import { execFiles } from './execFiles';
import { takeLock, type LockTiming } from './nodeLock';
import { posixCommand } from './posixCommand';
import { openSftp, type Sftp } from './sftpOps';

/** The per-user cache on the node, relative to its home directory. */
export const AGENT_DIR = '.cache/mosdesk/agent';
const LOCK = `${AGENT_DIR}/.lock`;
/**
 * A temp file this much older than the newest file in the cache is left from a dead upload.
 * Both times are the node's own, so the workstation's clock plays no part.
 */
const DEAD_TEMP_MS = 60_000;

export interface UploadOptions extends Partial<LockTiming> {
  /** Upload even if a file of the right size is there (after a version skew). */
  force?: boolean;
}

/** The script that starts the uploaded agent; the name is hex, never user input. */
const agentScript = (bundle: AgentBundle): string => `exec node ${AGENT_DIR}/${bundle.fileName} serve --stdio`;

/** The fixed command that starts the uploaded agent. */
export function agentCommand(bundle: AgentBundle): string {
  return posixCommand(agentScript(bundle));
}

/** Starts the agent only when the cached file has the bundle's size; otherwise ends at once. */
export function cachedAgentCommand(bundle: AgentBundle): string {
  const path = `${AGENT_DIR}/${bundle.fileName}`;
  return posixCommand(
    `[ "$(wc -c 2>/dev/null < ${path})" = ${bundle.bytes.length} ] && command -v node >/dev/null 2>&1 && ${agentScript(bundle)}`,
  );
}

const isTemp = (name: string): boolean => name.includes('.tmp-');

/**
 * Keeps the current agent and the one before it; deletes older ones and dead temp files.
 * Runs under the lock, and every upload writes its temp file under the lock, so a temp file is
 * normally dead. Not always: a holder whose lock was judged stale (its heartbeat stalled) may
 * still be writing. So only temps much older than the newest file here are deleted; at worst
 * a stalled upload then fails its hash check or rename and is retried, and nothing half-written
 * is ever run.
 */
async function prune(sftp: Sftp, current: string): Promise<void> {
  const entries = await sftp.list(AGENT_DIR);
  const files = entries.filter((e) => BUNDLE_NAME_PATTERN.test(e.name) || isTemp(e.name));
  const newest = Math.max(...files.map((e) => e.mtimeMs));
  const bundles = files
    .filter((e) => BUNDLE_NAME_PATTERN.test(e.name) && e.name !== current)
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  const deadTemps = files.filter((e) => isTemp(e.name) && newest - e.mtimeMs > DEAD_TEMP_MS);
  for (const e of [...bundles.slice(1), ...deadTemps])
    await sftp.unlink(`${AGENT_DIR}/${e.name}`).catch(() => undefined);
}

async function upload(sftp: Sftp, bundle: AgentBundle, target: string): Promise<void> {
  const temp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    await sftp.write(temp, bundle.bytes);
    // Read it back: a truncated or altered upload must never be run.
    const back = await sftp.read(temp);
    const hash = createHash('sha256').update(back).digest('hex');
    if (hash !== bundle.sha256)
      throw new Error(`the uploaded agent's hash is ${hash.slice(0, 16)}…, not ${bundle.sha256.slice(0, 16)}…`);
    await sftp.rename(temp, target);
  } catch (err) {
    await sftp.unlink(temp).catch(() => undefined);
    throw err;
  }
}

/** Uploads (when still needed) and prunes, under the lock. */
export async function uploadWithSftp(sftp: Sftp, bundle: AgentBundle, options: UploadOptions = {}): Promise<boolean> {
  const force = options.force ?? false;
  const target = `${AGENT_DIR}/${bundle.fileName}`;
  const present = await sftp.stat(target);
  if (!force && present?.size === bundle.bytes.length) return false;
  await sftp.mkdirs(AGENT_DIR);
  const release = await takeLock(sftp, LOCK, options);
  try {
    const now = await sftp.stat(target);
    // Another hub may have finished the same upload while we waited for the lock.
    if (force || now?.size !== bundle.bytes.length) await upload(sftp, bundle, target);
    await prune(sftp, bundle.fileName);
  } finally {
    await release();
  }
  return true;
}

/**
 * Makes sure the node has this exact agent bundle in its cache: uploads it under a temp name
 * and renames it into place, under a lock, only when it is missing (or `force`, after a
 * version skew). Returns whether it uploaded.
 */
export async function ensureAgentUploaded(
  client: Client,
  bundle: AgentBundle,
  options: UploadOptions = {},
): Promise<boolean> {
  // No SFTP subsystem on the node: the same steps over exec with cat, mv and stat.
  const sftp = await openSftp(client).catch(() => execFiles(client));
  try {
    return await uploadWithSftp(sftp, bundle, options);
  } finally {
    sftp.end();
  }
}

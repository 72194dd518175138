import { createHash, randomBytes } from 'node:crypto';
import type { Client } from 'ssh2';
import type { AgentBundle } from './agentBundle';
import { BUNDLE_NAME_PATTERN } from './agentBundle';
import { execFiles } from './execFiles';
import { openSftp, type Sftp } from './sftpOps';

/** The per-user cache on the node, relative to its home directory. */
export const AGENT_DIR = '.cache/mosdesk/agent';
const LOCK = `${AGENT_DIR}/.lock`;
/** A lock older than this was left by a hub that died while uploading. */
const STALE_LOCK_MS = 60_000;
const LOCK_WAIT_MS = 15_000;

export interface UploadOptions {
  /** Upload even if a file of the right size is there (after a version skew). */
  force?: boolean;
  /** How long to wait for another upload's lock. */
  lockWaitMs?: number;
}

/** The fixed command that starts the uploaded agent; the name is hex, never user input. */
export function agentCommand(bundle: AgentBundle): string {
  return `exec node ${AGENT_DIR}/${bundle.fileName} serve --stdio`;
}

/** Starts the agent only when the cached file has the bundle's size; otherwise ends at once. */
export function cachedAgentCommand(bundle: AgentBundle): string {
  const path = `${AGENT_DIR}/${bundle.fileName}`;
  return `[ "$(wc -c < ${path} 2>/dev/null)" = ${bundle.bytes.length} ] && command -v node >/dev/null 2>&1 && ${agentCommand(bundle)}`;
}

async function takeLock(sftp: Sftp, waitMs: number, now: () => number): Promise<void> {
  const deadline = now() + waitMs;
  for (;;) {
    if (await sftp.mkdir(LOCK)) return;
    const held = await sftp.stat(LOCK);
    if (held && now() - held.mtime * 1000 > STALE_LOCK_MS) {
      await sftp.rmdir(LOCK).catch(() => undefined);
      continue;
    }
    if (now() > deadline) throw new Error(`another upload has held ${LOCK} for over ${waitMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Keeps the current agent and the one before it; deletes older ones and dead temp files. */
async function prune(sftp: Sftp, current: string): Promise<void> {
  const entries = await sftp.list(AGENT_DIR);
  const bundles = entries
    .filter((e) => BUNDLE_NAME_PATTERN.test(e.name) && e.name !== current)
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  const oldTemps = entries.filter((e) => e.name.includes('.tmp-') && Date.now() - e.mtimeMs > STALE_LOCK_MS);
  for (const e of [...bundles.slice(1), ...oldTemps])
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
  const force = options.force ?? false;
  // No SFTP subsystem on the node: the same steps over exec with cat, mv and stat.
  const sftp = await openSftp(client).catch(() => execFiles(client));
  const target = `${AGENT_DIR}/${bundle.fileName}`;
  try {
    const present = await sftp.stat(target);
    if (!force && present?.size === bundle.bytes.length) return false;
    await sftp.mkdirs(AGENT_DIR);
    await takeLock(sftp, options.lockWaitMs ?? LOCK_WAIT_MS, Date.now);
    try {
      const now = await sftp.stat(target);
      // Another hub may have finished the same upload while we waited for the lock.
      if (force || now?.size !== bundle.bytes.length) await upload(sftp, bundle, target);
      await prune(sftp, bundle.fileName);
    } finally {
      await sftp.rmdir(LOCK).catch(() => undefined);
    }
    return true;
  } finally {
    sftp.end();
  }
}

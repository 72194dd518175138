/**
 * A node's processes: a PID namespace (with its own /proc), a UTS namespace and a private mount
 * namespace inside the node's network namespace, whose first process becomes sshd (pid 1). All
 * of them are in the node's own cgroups, and see LXCFS's views of /proc for those cgroups.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { createNodeCgroups, inCgroups, nodeCgroupProcs, removeCgroup } from './cgroups';
import { killUntilGone, must, run, type RunOptions, type RunResult, until } from './exec';
import { innermostPid, listeningInodes, pidList } from './kernelText';
import type { ClusterLayout, NodeLayout } from './layout';
import { ensureLxcfs, LXCFS_MOUNT, LXCFS_VIEWS } from './lxcfs';
import { MOSIX_PATH_DIR } from './mosixLayout';

/** sshd's PATH for root on Debian (UsePAM no): where a login on a node looks for `node`. */
export const ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Runs as the node's pid 1 until it execs sshd. A fixed script: every value comes in as a
 * positional argument. `$6` is the node's /etc overlay dir (with upper/ and work/), or `-` for the
 * host's /etc as it is. `$7` is where LXCFS is mounted: its views go over the node's own /proc
 * (made by unshare --mount-proc before this runs) and its /sys (made by ip netns exec) files.
 * `$8...` are pairs (shadow dir, directory of PATH) for a read-only overlay that hides or
 * replaces `node` there, or adds the MOSIX stand-in's tools. The mount namespace is private, so
 * nothing leaks to the host.
 */
const NODE_SCRIPT = `set -eu
name=$1 home=$2 config=$3 log=$4 shadow=$5 etc=$6 lxcfs=$7
shift 7
printf '%s' "$name" > /proc/sys/kernel/hostname
echo 0 > /proc/sys/net/ipv4/ip_forward
mount --make-rprivate /
for view in ${LXCFS_VIEWS.join(' ')}; do
  mount --bind "$lxcfs$view" "$view"
done
mount --bind "$home" /root
if [ "$etc" != - ]; then
  mount -t overlay mdt-node-etc -o "lowerdir=/etc,upperdir=$etc/upper,workdir=$etc/work" /etc
fi
mount --bind "$shadow" /etc/shadow
while [ "$#" -ge 2 ]; do
  mount -t overlay mdt-node-bin -o "lowerdir=$1:$2" "$2"
  shift 2
done
mkdir -p /run/sshd
exec /usr/sbin/sshd -D -f "$config" -E "$log"
`;

/**
 * The node's /etc overlay dir, or '-' when it has no files of its own. Its upper dir keeps what
 * the node writes under /etc across stopNode/startNode; the given files are written at each start.
 */
function prepareEtc(node: NodeLayout): string {
  if (node.etcFiles === undefined) return '-';
  const upper = join(node.etcDir, 'upper');
  mkdirSync(join(node.etcDir, 'work'), { recursive: true, mode: 0o755 });
  mkdirSync(upper, { recursive: true, mode: 0o755 });
  for (const [path, content] of Object.entries(node.etcFiles)) {
    mkdirSync(dirname(join(upper, path)), { recursive: true, mode: 0o755 });
    writeFileSync(join(upper, path), content, { mode: 0o644 });
  }
  return node.etcDir;
}

/**
 * The overlays for the node's `nodeBinary`: in every PATH directory that has `node` on the host
 * (and /usr/bin when a replacement is asked for and none has), a whiteout hides it, or a symlink
 * puts the replacement in its place. Returns the (shadow dir, target dir) pairs.
 */
async function nodeBinaryOverlays(node: NodeLayout): Promise<string[]> {
  if (node.nodeBinary === undefined) return [];
  const targets = new Set<string>();
  for (const dir of ROOT_PATH.split(':')) {
    if (existsSync(join(dir, 'node'))) targets.add(realpathSync(dir));
  }
  if (node.nodeBinary !== 'missing' && targets.size === 0) targets.add('/usr/bin');
  const pairs: string[] = [];
  let i = 0;
  for (const target of targets) {
    const shadow = join(node.dir, `bin-overlay${i++}`);
    rmSync(shadow, { recursive: true, force: true });
    mkdirSync(shadow, { recursive: true });
    // A 0/0 character device is overlayfs's whiteout: the name does not exist in the merged dir.
    if (node.nodeBinary === 'missing') await must('mknod', [join(shadow, 'node'), 'c', '0', '0']);
    else symlinkSync(node.nodeBinary, join(shadow, 'node'));
    pairs.push(shadow, target);
  }
  return pairs;
}

function inNamespace(pid: number, netns: string): boolean {
  try {
    return statSync(`/proc/${pid}/ns/net`).ino === statSync(`/run/netns/${netns}`).ino;
  } catch {
    return false;
  }
}

function listeningOn22(pid: number): string[] {
  try {
    return listeningInodes(readFileSync(`/proc/${pid}/net/tcp`, 'utf8'), 22);
  } catch {
    return [];
  }
}

/** The last lines of a log, or nothing when it does not exist. */
function tail(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').slice(-5).join('\n') : '';
}

/**
 * Starts the node's namespaces and sshd, detached (a CLI can exit), and waits until sshd listens.
 * Its cgroups and LXCFS come first: the node's first process joins them before ip netns exec.
 */
export async function startNodeProcess(cluster: ClusterLayout, node: NodeLayout): Promise<void> {
  const mosix = node.mosixBinDir === undefined ? [] : [node.mosixBinDir, MOSIX_PATH_DIR];
  const overlays = [...(await nodeBinaryOverlays(node)), ...mosix];
  const etc = prepareEtc(node);
  await ensureLxcfs();
  const cgroups = createNodeCgroups(node);
  const boot = openSync(node.bootLogPath, 'a');
  const [command, ...args] = inCgroups(cgroups, [
    ...['ip', 'netns', 'exec', node.netns],
    ...['unshare', '--pid', '--fork', '--kill-child', '--mount-proc', '--uts', '--mount'],
    ...['sh', '-c', NODE_SCRIPT, 'mdt-node', node.hostname, node.home, node.sshdConfigPath, node.sshdLogPath],
    ...[cluster.shadowPath, etc, LXCFS_MOUNT, ...overlays],
  ]);
  const child = spawn(command, args, { detached: true, stdio: ['ignore', boot, boot] });
  closeSync(boot);
  child.unref();
  let ended: string | undefined;
  child.on('exit', (code, signal) => (ended = `exited (${signal ?? code})`));
  child.on('error', (err) => (ended = err.message));
  // The cgroup joiner execs ip, which execs unshare: child.pid is the unshare process, in the node's netns.
  const pid = child.pid ?? -1;
  await until(`sshd to listen on ${node.hostname} (${node.address})`, 10_000, async () => {
    if (ended !== undefined) {
      const log = [node.bootLogPath, node.sshdLogPath].map(tail).join('\n').trim();
      throw new Error(`${node.hostname} ${ended} before sshd listened: ${log || '(no output)'}`);
    }
    return inNamespace(pid, node.netns) && listeningOn22(pid).length > 0 ? true : undefined;
  });
}

/** Every process in the node's network namespace (its sshd, sessions, and what they started). */
export async function nodePids(node: Pick<NodeLayout, 'netns'>): Promise<number[]> {
  const r = await run('ip', ['netns', 'pids', node.netns]);
  return r.code === 0 ? pidList(r.stdout) : [];
}

/** The host pid of the node's pid 1 (sshd), or undefined when the node is stopped. */
export async function nodeInitPid(node: Pick<NodeLayout, 'netns'>): Promise<number | undefined> {
  for (const pid of await nodePids(node)) {
    let status: string;
    try {
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      continue;
    }
    const inner = innermostPid(status);
    if (inner && inner.depth >= 2 && inner.pid === 1) return pid;
  }
  return undefined;
}

/** Kills every process of the node (SIGKILL) and waits until none is left. */
export async function killNodeProcesses(node: Pick<NodeLayout, 'netns'>): Promise<void> {
  await killUntilGone(`the processes in ${node.netns} to end`, () => nodePids(node));
}

/** Kills the node (what is in its netns, then what is left in its cgroups) and removes its cgroups. */
export async function stopNodeProcess(node: NodeLayout): Promise<void> {
  await killNodeProcesses(node);
  await removeCgroup(node.cgroup);
}

/** Makes the running sshd re-read its config and host key (SIGHUP re-execs it; sessions stay). */
export async function reloadSshd(node: NodeLayout): Promise<void> {
  const init = await nodeInitPid(node);
  if (init === undefined) return;
  const before = new Set(listeningOn22(init));
  process.kill(init, 'SIGHUP');
  // The re-exec'd sshd opens a new listening socket: a new inode means the new key is served.
  await until(`sshd on ${node.hostname} to restart`, 10_000, async () => {
    const now = listeningOn22(init);
    return now.length > 0 && now.every((inode) => !before.has(inode)) ? true : undefined;
  });
}

/**
 * Runs argv inside the node: its network, PID, mount and UTS namespaces and its cgroups (so it
 * is limited and counted as the node's processes are), with a root login's PATH.
 */
export async function runInNode(node: NodeLayout, argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const init = await nodeInitPid(node);
  if (init === undefined) throw new Error(`${node.hostname} is not running.`);
  const nsenter = ['nsenter', '--target', String(init), '--net', '--pid', '--mount', '--uts', '--'];
  const [command, ...args] = inCgroups(nodeCgroupProcs(node), [...nsenter, ...argv]);
  return run(command, args, {
    ...options,
    env: { PATH: ROOT_PATH, HOME: '/root', LANG: 'C.UTF-8' },
  });
}

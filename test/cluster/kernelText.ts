/** Parsers for what the kernel and iproute2 print about namespaces, sockets and routes. Pure. */

/** Inodes of the IPv4 sockets listening on `port`, from /proc/<pid>/net/tcp. */
export function listeningInodes(procNetTcp: string, port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes: string[] = [];
  for (const line of procNetTcp.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    if (f.length < 10 || f[3] !== '0A') continue;
    if (f[1]?.split(':')[1] === hexPort) inodes.push(f[9] as string);
  }
  return inodes;
}

/** A process's pid in its innermost PID namespace, from the NSpid line of /proc/<pid>/status. */
export function innermostPid(status: string): { depth: number; pid: number } | undefined {
  const m = /^NSpid:\s*([\d\s]+)$/m.exec(status);
  if (!m) return undefined;
  const pids = (m[1] as string).trim().split(/\s+/).map(Number);
  return { depth: pids.length, pid: pids[pids.length - 1] as number };
}

/** Namespace names from `ip netns list` ("name" or "name (id: 3)" per line). */
export function netnsNames(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n !== '');
}

/** Pids from `ip netns pids`. */
export function pidList(text: string): number[] {
  return text
    .split(/\s+/)
    .filter((t) => /^\d+$/.test(t))
    .map(Number);
}

function ipv4ToInt(a: string): number {
  const parts = a.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`Not an IPv4 address: ${a}`);
  }
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

/** [first, last] address of "a.b.c.d/n" (a bare address is /32). */
export function cidrRange(cidr: string): [number, number] {
  const [addr, bits = '32'] = cidr.split('/');
  const n = Number(bits);
  if (!Number.isInteger(n) || n < 0 || n > 32) throw new Error(`Bad prefix length in ${cidr}`);
  const size = 2 ** (32 - n);
  const first = Math.floor(ipv4ToInt(addr as string) / size) * size;
  return [first, first + size - 1];
}

/** True when the two prefixes share an address. */
export function overlaps(a: string, b: string): boolean {
  const [a0, a1] = cidrRange(a);
  const [b0, b1] = cidrRange(b);
  return a0 <= b1 && b0 <= a1;
}

/**
 * Routes from `ip -j -4 route show` that overlap one of `prefixes`, as "dst dev|type" text.
 * The default route is left out: it covers everything and says nothing about our subnets.
 */
export function conflictingRoutes(ipJson: string, prefixes: string[]): string[] {
  const routes = JSON.parse(ipJson) as { dst?: string; dev?: string; type?: string }[];
  return routes
    .filter((r) => r.dst !== undefined && r.dst !== 'default')
    .filter((r) => prefixes.some((p) => overlaps(r.dst as string, p)))
    .map((r) => `${r.dst} ${r.dev ? `dev ${r.dev}` : (r.type ?? '')}`.trim());
}

/** CPU numbers from a kernel CPU list such as "0-3,6" (cpuset.cpus, /sys/devices/system/cpu/online). */
export function cpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const part of text
    .trim()
    .split(',')
    .filter((p) => p !== '')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`Not a CPU list: ${text.trim()}`);
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    for (let c = first; c <= last; c++) cpus.push(c);
  }
  return cpus;
}

/**
 * Controller -> mountpoint of every cgroup v1 hierarchy in /proc/self/mountinfo (a co-mounted
 * `cpu,cpuacct` gives both the same mountpoint). Named hierarchies (name=systemd) are left out.
 */
export function cgroupV1Mounts(mountinfo: string): Map<string, string> {
  const mounts = new Map<string, string>();
  for (const line of mountinfo.split('\n')) {
    // id parent major:minor root mountpoint options [optional fields] - fstype source superoptions
    const [left, right] = line.split(' - ');
    const [fstype, , superOptions] = (right ?? '').split(' ');
    const mountpoint = (left ?? '').split(' ')[4];
    if (fstype !== 'cgroup' || mountpoint === undefined || superOptions === undefined) continue;
    for (const option of superOptions.split(',')) {
      if (option === 'rw' || option === 'ro' || option.includes('=')) continue;
      if (!mounts.has(option)) mounts.set(option, mountpoint);
    }
  }
  return mounts;
}

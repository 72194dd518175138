import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A Debian package the suite needs, and the file that shows it is installed. */
export interface Requirement {
  pkg: string;
  file: string;
  why: string;
}

export const REQUIREMENTS: Requirement[] = [
  { pkg: 'chromium', file: '/usr/bin/chromium', why: 'the end-to-end tests drive it with playwright-core' },
  { pkg: 'procps', file: '/usr/bin/pgrep', why: 'the hub tests find the agent process with pgrep' },
  {
    pkg: 'fonts-dejavu-core',
    file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    why: 'screenshots need a font; Chromium installed without recommends brings none',
  },
  { pkg: 'openssh-server', file: '/usr/sbin/sshd', why: 'every node of the test cluster runs a real sshd' },
  {
    pkg: 'openssh-client',
    file: '/usr/bin/ssh',
    why: 'the test cluster makes keys with ssh-keygen; tests log in with ssh',
  },
  {
    pkg: 'tcsh',
    file: '/usr/bin/tcsh',
    why: 'a test node logs in with tcsh: the hub must not assume a POSIX login shell',
  },
  {
    pkg: 'openssl',
    file: '/usr/bin/openssl',
    why: 'a test cluster that takes password logins gets its root password hash from openssl passwd',
  },
  {
    pkg: 'iproute2',
    file: '/usr/sbin/ip',
    why: 'the test cluster builds namespaces, veths and a bridge with ip; ss finds connects left waiting',
  },
  {
    pkg: 'util-linux',
    file: '/usr/bin/nsenter',
    why: 'test cluster nodes are made with unshare and entered with nsenter',
  },
  {
    pkg: 'sudo',
    file: '/usr/bin/sudo',
    why: "a test node's agent that is not root writes /etc/mosix through sudo -n",
  },
  {
    pkg: 'lxcfs',
    file: '/usr/bin/lxcfs',
    why: 'each test cluster node reads its own CPUs, memory, load and CPU time in /proc, from its cgroups through LXCFS',
  },
];

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (status ${result.status}).`);
}

/**
 * Installs what is missing when we run as root (as CI does); otherwise stops with the
 * command to run. Nothing is ever skipped for a missing tool.
 */
export function ensureDebianPackages(requirements: Requirement[] = REQUIREMENTS): void {
  const missing = requirements.filter((r) => !existsSync(r.file));
  if (missing.length === 0) return;
  const pkgs = missing.map((r) => r.pkg);
  for (const r of missing) console.log(`missing ${r.pkg}: ${r.why}`);
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages; install them with: sudo apt-get install -y ${pkgs.join(' ')}`);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs]);
  const still = missing.filter((r) => !existsSync(r.file));
  if (still.length > 0) throw new Error(`Installed, yet still missing: ${still.map((r) => r.file).join(', ')}.`);
}

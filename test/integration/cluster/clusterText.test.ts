/**
 * The test cluster's pure parts, table-driven: its option checks, names, the text it reads from
 * the kernel and iproute2, and the OpenSSH files it writes. Runs as anyone, in milliseconds.
 */
import { describe, expect, it } from 'vitest';
import {
  cgroupV1Mounts,
  conflictingRoutes,
  cpuList,
  innermostPid,
  listeningInodes,
  netnsNames,
  overlaps,
  pidList,
} from '../../cluster/kernelText';
import {
  clusterLayout,
  isClusterObject,
  memoryBytes,
  type TestClusterOptions,
  validateOptions,
} from '../../cluster/layout';
import {
  fingerprint,
  hasPerSourcePenalties,
  knownHosts,
  nodeShadow,
  sshConfig,
  sshdConfig,
} from '../../cluster/sshText';

const TCP_HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';

describe('listeningInodes', () => {
  const rows = [
    {
      name: 'sshd listening on 0.0.0.0:22',
      text: `${TCP_HEADER}   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0\n`,
      want: ['4242'],
    },
    {
      name: 'an established connection to port 22 is not a listener',
      text: `${TCP_HEADER}   1: 010BD20A:ED58 0C0BD20A:0016 01 00000000:00000000 03:00000735 00000000     0        0 77 3 0\n`,
      want: [],
    },
    {
      name: 'a listener on another port (2024)',
      text: `${TCP_HEADER}   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1544 1 0 100 0 0 10 0\n`,
      want: [],
    },
    { name: 'only the header (nothing listens yet)', text: TCP_HEADER, want: [] },
  ];
  it.each(rows)('$name', ({ text, want }) => expect(listeningInodes(text, 22)).toEqual(want));
});

describe('innermostPid', () => {
  const rows = [
    { name: 'a node pid 1 seen from the host', text: 'Name:\tsshd\nNSpid:\t18392\t1\n', want: { depth: 2, pid: 1 } },
    { name: 'a host process', text: 'NSpid:\t18392\n', want: { depth: 1, pid: 18392 } },
    { name: 'no NSpid line (old kernel)', text: 'Name:\tsh\nPid:\t5\n', want: undefined },
  ];
  it.each(rows)('$name', ({ text, want }) => expect(innermostPid(text)).toEqual(want));
});

describe('cgroups and CPU lists', () => {
  it('reads CPU lists as the kernel writes them', () => {
    expect(cpuList('0-1\n')).toEqual([0, 1]);
    expect(cpuList('0,2-4,7')).toEqual([0, 2, 3, 4, 7]);
    expect(cpuList('\n')).toEqual([]);
    expect(() => cpuList('0-x')).toThrow(/CPU list/);
  });
  it('finds each v1 controller, co-mounted ones at one place, and leaves v2 and named ones out', () => {
    const mountinfo = [
      '31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
      '32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:9 - cgroup cgroup rw,cpu,cpuacct',
      '34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset',
      '35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory',
      '40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd',
      '41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw',
    ].join('\n');
    expect(Object.fromEntries(cgroupV1Mounts(mountinfo))).toEqual({
      cpu: '/sys/fs/cgroup/cpu,cpuacct',
      cpuacct: '/sys/fs/cgroup/cpu,cpuacct',
      cpuset: '/sys/fs/cgroup/cpuset',
      memory: '/sys/fs/cgroup/memory',
    });
    expect(cgroupV1Mounts('41 31 0:38 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n').size).toBe(0);
  });
  const sizes = [
    { size: '512M', want: 536870912 },
    { size: '2G', want: 2147483648 },
    { size: '1T', want: 1024 ** 4 },
    { size: '65536K', want: 67108864 },
    { size: '4096', want: 4096 },
  ];
  it.each(sizes)('reads $size as $want bytes', ({ size, want }) => expect(memoryBytes(size)).toBe(want));
  it('names each node cgroup as its netns, with its CPU count and memory limit', () => {
    const l = clusterLayout({ name: 'ct1', nodes: 3, subnet: 10, cpus: { 1: 1 }, mem: { 1: '512M', 2: '1G' } });
    expect(l.nodes.map((n) => [n.cgroup, n.cpus, n.memBytes])).toEqual([
      ['mdt-ct1-1', 1, 536870912],
      ['mdt-ct1-2', undefined, 1073741824],
      ['mdt-ct1-3', undefined, undefined],
    ]);
  });
});

describe('ip netns list and pids', () => {
  it('reads names with and without ids', () => {
    expect(netnsNames('mdt-a-2 (id: 2)\nmdt-a-1\n\n')).toEqual(['mdt-a-2', 'mdt-a-1']);
  });
  it('reads pids, one a line', () => expect(pidList('12\n345\n')).toEqual([12, 345]));
});

describe('routes', () => {
  const rows = [
    { a: '10.210.10.0/24', b: '10.210.10.0/24', want: true },
    { a: '10.0.0.0/8', b: '10.210.10.0/24', want: true },
    { a: '10.210.10.7', b: '10.210.10.0/24', want: true },
    { a: '10.210.11.0/24', b: '10.210.10.0/24', want: false },
    { a: '192.0.2.0/24', b: '10.210.10.0/24', want: false },
  ];
  it.each(rows)('$a overlaps $b: $want', ({ a, b, want }) => expect(overlaps(a, b)).toBe(want));

  it('names the routes in the way, but never the default one', () => {
    const json = JSON.stringify([
      { dst: 'default', gateway: '192.0.2.1', dev: 'eth0' },
      { dst: '10.210.10.0/24', dev: 'mdt-x-br' },
      { dst: '10.211.10.0/24', type: 'unreachable' },
      { dst: '192.0.2.0/24', dev: 'eth0' },
    ]);
    expect(conflictingRoutes(json, ['10.210.10.0/24', '10.211.10.0/24'])).toEqual([
      '10.210.10.0/24 dev mdt-x-br',
      '10.211.10.0/24 unreachable',
    ]);
  });
});

describe('validateOptions', () => {
  const base: TestClusterOptions = { name: 'ct1', nodes: 3, subnet: 10 };
  const bad: { name: string; options: TestClusterOptions; error: RegExp }[] = [
    { name: 'a name too long for an interface', options: { ...base, name: 'abcdefghi' }, error: /name/ },
    { name: 'a dash in the name', options: { ...base, name: 'a-1' }, error: /name/ },
    { name: 'no nodes', options: { ...base, nodes: 0 }, error: /nodes/ },
    { name: 'a subnet past 255', options: { ...base, subnet: 256 }, error: /subnet/ },
    { name: 'a node behind itself', options: { ...base, behind: [{ node: 2, gateway: 2 }] }, error: /own gateway/ },
    {
      name: 'a gateway that does not exist',
      options: { ...base, behind: [{ node: 2, gateway: 9 }] },
      error: /no such/,
    },
    {
      name: 'a hidden gateway',
      options: {
        ...base,
        behind: [
          { node: 2, gateway: 1 },
          { node: 3, gateway: 2 },
        ],
      },
      error: /must not be hidden/,
    },
    { name: 'a relative node binary', options: { ...base, nodeBinary: { 1: 'bin/node' } }, error: /absolute/ },
    { name: 'a node binary for node 7 of 3', options: { ...base, nodeBinary: { 7: 'missing' } }, error: /no node 7/ },
    { name: 'an /etc file for node 7 of 3', options: { ...base, etcFiles: { 7: { hosts: '' } } }, error: /no node 7/ },
    { name: 'an /etc file out of /etc', options: { ...base, etcFiles: { 1: { '../x': '' } } }, error: /etcFiles/ },
    { name: 'an absolute /etc file', options: { ...base, etcFiles: { 1: { '/etc/x': '' } } }, error: /etcFiles/ },
    { name: "the cluster's /etc/shadow", options: { ...base, etcFiles: { 1: { shadow: '' } } }, error: /shadow/ },
    { name: 'a password in place of its hash', options: { ...base, rootPasswordHash: 'secret' }, error: /crypt/ },
    {
      name: 'a hash with a line break (a second shadow line)',
      options: { ...base, rootPasswordHash: '$6$salt$abc\nevil::0:0' },
      error: /crypt/,
    },
    { name: 'CPUs for node 7 of 3', options: { ...base, cpus: { 7: 1 } }, error: /cpus: no node 7/ },
    { name: 'no CPU at all', options: { ...base, cpus: { 1: 0 } }, error: /at least 1 CPU/ },
    { name: 'half a CPU', options: { ...base, cpus: { 1: 0.5 } }, error: /whole number/ },
    { name: 'more CPUs than the host has', options: { ...base, cpus: { 3: 3 } }, error: /node 3 asks for 3 CPUs.* 2/ },
    { name: 'memory for node 4 of 3', options: { ...base, mem: { 4: '1G' } }, error: /mem: no node 4/ },
    { name: 'a memory size in GB', options: { ...base, mem: { 1: '2GB' } }, error: /512M or 2G/ },
    { name: 'a negative memory size', options: { ...base, mem: { 1: '-1' } }, error: /512M or 2G/ },
    { name: 'too little memory for sshd', options: { ...base, mem: { 2: '16M' } }, error: /node 2 gets 16M.*64M/ },
  ];
  it.each(bad)('refuses $name', ({ options, error }) => expect(() => validateOptions(options, 2)).toThrow(error));
  it('takes as many CPUs as the host has, and any count when the host is not asked', () => {
    const options = { ...base, cpus: { 1: 2, 2: 1 }, mem: { 1: '64M', 3: '2G' } };
    expect(validateOptions(options, 2)).toEqual(options);
    expect(validateOptions({ ...base, cpus: { 1: 64 } })).toEqual({ ...base, cpus: { 1: 64 } });
  });
  it('accepts a gateway with two hidden nodes', () => {
    const options = {
      ...base,
      behind: [
        { node: 2, gateway: 1 },
        { node: 3, gateway: 1 },
      ],
    };
    expect(validateOptions(options)).toEqual(options);
  });
});

describe('names', () => {
  const rows = [
    { object: 'mdt-demo-1', want: true },
    { object: 'mdt-demo-12', want: true },
    { object: 'mdt-demo-br', want: true },
    { object: 'mdt-demo2-1', want: false },
    { object: 'mdt-dem-1', want: false },
    { object: 'mdt-demo-1x', want: false },
    { object: 'eth0', want: false },
  ];
  it.each(rows)('$object belongs to demo: $want', ({ object, want }) =>
    expect(isClusterObject('demo', object)).toBe(want),
  );
  it('fits Linux interface names at the longest', () => {
    const l = clusterLayout({ name: 'abcdefgh', nodes: 99, subnet: 1 });
    expect(l.bridge.length).toBeLessThanOrEqual(15);
    expect(l.nodes[98]!.linkName).toBe('mdt-abcdefgh-99');
  });
});

describe('OpenSSH text', () => {
  it('computes the fingerprint ssh-keygen -lf prints', () => {
    // `ssh-keygen -lf` printed: 256 SHA256:BXaZaWLsymn9r05/yLl1rcwrIr7mDE1HTigLF00DVoU row@test (ED25519)
    const pub = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcdosChQ108oFSq+sciuAUpXpZ0XbrditnaAc18EShV row@test';
    expect(fingerprint(pub)).toBe('SHA256:BXaZaWLsymn9r05/yLl1rcwrIr7mDE1HTigLF00DVoU');
    expect(() => fingerprint('not a key')).toThrow(/public key/);
  });

  const versions = [
    { text: 'OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.22', want: false },
    { text: 'OpenSSH_9.8p1, OpenSSL 3.3.1', want: true },
    { text: 'OpenSSH_10.0p2 Ubuntu', want: true },
    { text: 'unknown option -- V', want: false },
  ];
  it.each(versions)('PerSourcePenalties in "$text": $want', ({ text, want }) =>
    expect(hasPerSourcePenalties(text)).toBe(want),
  );

  it('writes Host blocks with both aliases, and ProxyJump by the unique alias', () => {
    const layout = clusterLayout({ name: 'demo', nodes: 2, subnet: 200, behind: [{ node: 2, gateway: 1 }] });
    const text = sshConfig(layout);
    expect(text).toContain('Host node1 demo-node1\n  HostName 10.210.200.11\n  User root\n');
    expect(text).toMatch(/Host node2 demo-node2\n {2}HostName 10\.211\.200\.12\n[^]*ProxyJump demo-node1\n$/);
    expect(text).toContain(`IdentityFile ${layout.keyPath}\n`);
  });

  it('lets sshd take passwords only when the cluster has a root password', () => {
    const keyOnly = clusterLayout({ name: 'k', nodes: 1, subnet: 1 });
    const hash = '$6$salt$' + 'x'.repeat(86);
    const withPassword = clusterLayout({ name: 'p', nodes: 1, subnet: 1, rootPasswordHash: hash });
    expect(sshdConfig(keyOnly, keyOnly.nodes[0]!, false)).toMatch(
      /PermitRootLogin prohibit-password\n[^]*PasswordAuthentication no\n/,
    );
    expect(sshdConfig(withPassword, withPassword.nodes[0]!, false)).toMatch(
      /PermitRootLogin yes\n[^]*PasswordAuthentication yes\n/,
    );
    const pam = clusterLayout({ name: 'q', nodes: 1, subnet: 1, rootPasswordHash: hash, passwordByPam: true });
    expect(sshdConfig(pam, pam.nodes[0]!, false)).toMatch(
      /PasswordAuthentication no\nKbdInteractiveAuthentication yes\nUsePAM yes\n/,
    );
    expect(sshdConfig(keyOnly, keyOnly.nodes[0]!, false)).toMatch(/KbdInteractiveAuthentication no\nUsePAM no\n/);
    expect(nodeShadow()).toBe('root:*:19000:0:99999:7:::\n');
    expect(nodeShadow(hash)).toBe(`root:${hash}:19000:0:99999:7:::\n`);
  });

  it('writes known_hosts by address without the comment', () => {
    const blob = 'AAAAC3NzaC1lZDI1NTE5AAAAIAcdosChQ108oFSq+sciuAUpXpZ0XbrditnaAc18EShV';
    expect(knownHosts([{ address: '10.210.1.11', hostKeyPublic: `ssh-ed25519 ${blob} node1.x\n` }])).toBe(
      `10.210.1.11 ssh-ed25519 ${blob}\n`,
    );
  });
});

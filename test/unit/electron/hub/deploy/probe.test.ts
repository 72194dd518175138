import { describe, expect, it } from 'vitest';
import {
  MIN_NODE_MAJOR,
  nodeMajor,
  parseProbe,
  PROBE_MARKER,
  probeProblem,
  type ProbeResult,
} from '../../../../../electron/hub/deploy/probe';

const M = PROBE_MARKER;

describe('parseProbe', () => {
  const ok: { name: string; stdout: string; want: ProbeResult }[] = [
    {
      name: 'a plain answer',
      stdout: `${M}\nLinux x86_64\nv20.11.1\n`,
      want: { os: 'Linux', arch: 'x86_64', nodeVersion: 'v20.11.1' },
    },
    {
      name: 'a chatty .bashrc before the marker',
      stdout: `Welcome to node7!\nLinux x86_64\nv8.0.0\n\n${M}\nLinux aarch64\nv18.19.0\n`,
      want: { os: 'Linux', arch: 'aarch64', nodeVersion: 'v18.19.0' },
    },
    {
      name: 'a banner line that only contains the marker text',
      stdout: `echo ${M}; uname\nNetBSD amd64\nv1.0.0\n${M}\nLinux x86_64\nv22.3.0\n`,
      want: { os: 'Linux', arch: 'x86_64', nodeVersion: 'v22.3.0' },
    },
    {
      name: 'CRLF line ends and stray blanks',
      stdout: `${M}\r\n  Linux   x86_64 \r\nv20.11.1\r\n`,
      want: { os: 'Linux', arch: 'x86_64', nodeVersion: 'v20.11.1' },
    },
    {
      name: 'no node on the PATH',
      stdout: `${M}\nLinux x86_64\nnode-missing\n`,
      want: { os: 'Linux', arch: 'x86_64', nodeVersion: null },
    },
    {
      name: 'another OS',
      stdout: `${M}\nDarwin arm64\nv20.0.0\n`,
      want: { os: 'Darwin', arch: 'arm64', nodeVersion: 'v20.0.0' },
    },
    {
      name: 'a node that prints an error instead of its version (kept for probeProblem)',
      stdout: `${M}\nLinux x86_64\nnode: /lib64/libc.so.6: version 'GLIBC_2.28' not found\n`,
      want: { os: 'Linux', arch: 'x86_64', nodeVersion: "node: /lib64/libc.so.6: version 'GLIBC_2.28' not found" },
    },
    {
      name: 'a pre-release version',
      stdout: `${M}\nLinux x86_64\nv23.0.0-nightly20240601\nlogout noise\n`,
      want: { os: 'Linux', arch: 'x86_64', nodeVersion: 'v23.0.0-nightly20240601' },
    },
  ];
  it.each(ok)('reads $name', ({ stdout, want }) => expect(parseProbe(stdout)).toEqual(want));

  const bad = [
    { name: 'empty output', stdout: '' },
    { name: 'no marker', stdout: 'Linux x86_64\nv20.11.1\n' },
    { name: 'only the marker', stdout: `${M}\n` },
    { name: 'no node line', stdout: `${M}\nLinux x86_64\n` },
    { name: 'an empty node line', stdout: `${M}\nLinux x86_64\n\n` },
    { name: 'uname without the machine', stdout: `${M}\nLinux\nv20.11.1\n` },
    { name: 'an empty uname line', stdout: `${M}\n\nv20.11.1\n` },
    { name: 'the marker inside a longer line only', stdout: `>> ${M}\nLinux x86_64\nv20.11.1\n` },
  ];
  it.each(bad)('gives null for $name', ({ stdout }) => expect(parseProbe(stdout)).toBeNull());
});

describe('nodeMajor', () => {
  const rows: { version: string; want: number | null }[] = [
    { version: 'v20.11.1', want: 20 },
    { version: 'v18.0.0', want: 18 },
    { version: 'v8.17.0', want: 8 },
    { version: 'v100.2.3', want: 100 },
    { version: 'v23.0.0-nightly20240601', want: 23 },
    { version: '20.11.1', want: null },
    { version: 'v20', want: null },
    { version: 'v20.1', want: null },
    { version: 'node-missing', want: null },
    { version: 'bash: node: Permission denied', want: null },
    { version: '', want: null },
  ];
  it.each(rows)('$version -> $want', ({ version, want }) => expect(nodeMajor(version)).toBe(want));
});

describe('probeProblem', () => {
  const linux = (nodeVersion: string | null): ProbeResult => ({ os: 'Linux', arch: 'x86_64', nodeVersion });
  const installHint = [
    /Install Node\.js 18 or newer/,
    /apt install nodejs/,
    /dnf module install nodejs:20/,
    /non-interactive SSH/,
  ];

  it('is the same minimum as the agent needs', () => expect(MIN_NODE_MAJOR).toBe(18));

  it.each(['v18.0.0', 'v18.19.1', 'v20.11.1', 'v22.3.0', 'v23.0.0-nightly20240601'])('accepts Linux with %s', (v) =>
    expect(probeProblem(linux(v), 'root@node1')).toBeNull(),
  );

  const problems: { name: string; probe: ProbeResult; want: RegExp[]; not?: RegExp[] }[] = [
    {
      name: 'another OS, even with a good node',
      probe: { os: 'Darwin', arch: 'arm64', nodeVersion: 'v20.11.1' },
      want: [/^root@node1 runs Darwin; the mosdesk agent needs Linux\.$/],
    },
    {
      name: 'another OS without node (the OS is what to fix)',
      probe: { os: 'FreeBSD', arch: 'amd64', nodeVersion: null },
      want: [/runs FreeBSD; the mosdesk agent needs Linux/],
      not: [/Install/],
    },
    {
      name: 'no node',
      probe: linux(null),
      want: [/^root@node1 has no Node\.js \(`node` was not found\)\./, ...installHint],
    },
    {
      name: 'node 16',
      probe: linux('v16.20.2'),
      want: [/^root@node1 has Node\.js v16\.20\.2; the mosdesk agent needs 18 or newer\./, ...installHint],
    },
    {
      name: 'node 8',
      probe: linux('v8.17.0'),
      want: [/has Node\.js v8\.17\.0; the mosdesk agent needs 18 or newer/, ...installHint],
    },
    {
      name: 'garbage instead of a version',
      probe: linux('Segmentation fault'),
      want: [/^root@node1: `node --version` answered "Segmentation fault", not a version\./, ...installHint],
    },
  ];
  it.each(problems)('explains $name', ({ probe, want, not = [] }) => {
    const sentence = probeProblem(probe, 'root@node1');
    expect(sentence).not.toBeNull();
    for (const re of want) expect(sentence).toMatch(re);
    for (const re of not) expect(sentence).not.toMatch(re);
  });

  it('quotes at most 80 characters of a garbage answer', () => {
    const garbage = `x${'y'.repeat(500)}`;
    const sentence = probeProblem(linux(garbage), 'n1') ?? '';
    expect(sentence).toContain(`"${garbage.slice(0, 80)}"`);
    expect(sentence).not.toContain(garbage.slice(0, 81));
  });
});

import { describe, expect, it } from 'vitest';
import { findCgroup2Mount, isCgroupFrozen } from '../../../../agent/src/parsers/cgroup2Mount';

const HYBRID = `25 30 0:23 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
35 25 0:30 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
36 35 0:31 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
40 35 0:35 / /sys/fs/cgroup/freezer rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,freezer
`;
const PURE_V2 = `35 25 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n`;
const V1_ONLY = `40 35 0:35 / /sys/fs/cgroup/freezer rw,relatime shared:16 - cgroup cgroup rw,freezer\n`;
const ESCAPED = `36 35 0:31 / /mnt/cgroup\\040two rw,relatime - cgroup2 none rw\n`;
const OPTIONAL_FIELDS = `36 35 0:31 / /sys/fs/cgroup rw shared:10 master:3 - cgroup2 cgroup2 rw\n`;

describe('findCgroup2Mount', () => {
  it.each([
    { name: 'hybrid node', input: HYBRID, want: '/sys/fs/cgroup/unified' },
    { name: 'pure cgroup v2 node', input: PURE_V2, want: '/sys/fs/cgroup' },
    { name: 'v1-only node', input: V1_ONLY, want: null },
    { name: 'a space escaped as \\040', input: ESCAPED, want: '/mnt/cgroup two' },
    { name: 'several optional fields', input: OPTIONAL_FIELDS, want: '/sys/fs/cgroup' },
    { name: 'empty file', input: '', want: null },
    { name: 'garbage', input: 'no separator here\n - \n', want: null },
  ])('$name', ({ input, want }) => expect(findCgroup2Mount(input)).toBe(want));
});

describe('isCgroupFrozen', () => {
  it.each([
    { input: 'populated 1\nfrozen 1\n', want: true },
    { input: 'populated 1\nfrozen 0\n', want: false },
    { input: 'populated 0\n', want: false },
    { input: 'frozen 10\n', want: false },
  ])('$input', ({ input, want }) => expect(isCgroupFrozen(input)).toBe(want));
});

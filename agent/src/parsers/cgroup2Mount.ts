/** Undoes mountinfo's octal escapes (a space is written \040). */
function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_m, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/**
 * The mount point of the cgroup v2 hierarchy in /proc/self/mountinfo, or null when there is none
 * (a v1-only node). On hybrid nodes it is /sys/fs/cgroup/unified, on pure v2 nodes /sys/fs/cgroup.
 */
export function findCgroup2Mount(mountinfo: string): string | null {
  for (const line of mountinfo.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const fsType = line.slice(sep + 3).split(' ')[0];
    const mountPoint = line.slice(0, sep).split(' ')[4];
    if (fsType === 'cgroup2' && mountPoint) return unescapeMountPath(mountPoint);
  }
  return null;
}

/** `frozen 1` in a cgroup.events file. */
export function isCgroupFrozen(events: string): boolean {
  return /^frozen 1$/m.test(events);
}

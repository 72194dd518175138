import { statfsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type FsStats, readDiskUsage, type StatFs } from '../../../../../../agent/src/engines/linux/metrics/diskUsage';

/** The root file system of this project's test machine, as `stat -f /` printed it. */
const ROOT: FsStats = { bsize: 4096, blocks: 66053021, bfree: 60032242, bavail: 20576949 };

const errno = (code: string): Error => Object.assign(new Error(`${code}: statfs '/x'`), { code });

function fakeStatfs(table: Record<string, FsStats | Error>): StatFs {
  return async (path) => {
    const v = table[path];
    if (v === undefined) throw errno('ENOENT');
    if (v instanceof Error) throw v;
    return v;
  };
}

describe('readDiskUsage', () => {
  it('measures like df -B1: used = total - free, available excludes the root reserve', async () => {
    expect(await readDiskUsage(['/'], fakeStatfs({ '/': ROOT }))).toEqual([
      {
        mount: '/',
        totalBytes: 270553174016,
        freeBytes: 245892063232,
        availableBytes: 84283183104,
        usedBytes: 24661110784,
      },
    ]);
  });

  const failures = [
    { name: 'a path that does not exist', err: errno('ENOENT'), says: 'no such file or directory' },
    { name: 'a path it may not read', err: errno('EACCES'), says: 'permission denied' },
    { name: 'a stale NFS handle', err: errno('ESTALE'), says: 'stale network file handle' },
    { name: 'an errno without a sentence', err: errno('EOVERFLOW'), says: 'EOVERFLOW' },
    { name: 'an error without a code', err: new Error('boom'), says: 'unexpected error' },
  ];
  it.each(failures)('reports $name as {mount, error}, the others still measured', async ({ err, says }) => {
    const usage = await readDiskUsage(['/', '/data'], fakeStatfs({ '/': ROOT, '/data': err }));
    expect(usage[0]).toMatchObject({ mount: '/', totalBytes: 270553174016 });
    expect(usage[1]).toEqual({ mount: '/data', error: `Cannot read /data: ${says}.` });
  });

  it('says which Node is too old when statfs is missing (Node < 18.15)', async () => {
    const usage = await readDiskUsage(['/', '/home'], null);
    expect(usage).toEqual([
      { mount: '/', error: expect.stringContaining('Node.js 18.15 or newer') },
      { mount: '/home', error: expect.stringContaining(process.version) },
    ]);
  });

  it('gives up on a hung mount and does not ask it again while it hangs', async () => {
    let calls = 0;
    let release: (s: FsStats) => void = () => undefined;
    let serverBack = false;
    const hanging: StatFs = (path) => {
      calls++;
      if (path !== '/mnt/hung' || serverBack) return Promise.resolve(ROOT);
      return new Promise((resolve) => (release = resolve));
    };
    const first = await readDiskUsage(['/mnt/hung', '/'], hanging, 30);
    expect(first[0]).toEqual({ mount: '/mnt/hung', error: expect.stringMatching(/did not answer within/) });
    expect(first[1]).toMatchObject({ totalBytes: 270553174016 });
    const second = await readDiskUsage(['/mnt/hung'], hanging, 30);
    expect(second[0]).toEqual({ mount: '/mnt/hung', error: expect.stringMatching(/has not returned yet/) });
    expect(calls).toBe(2);
    serverBack = true;
    release(ROOT);
    await new Promise((r) => setTimeout(r, 0));
    expect(await readDiskUsage(['/mnt/hung'], hanging, 30)).toEqual([
      expect.objectContaining({ totalBytes: 270553174016 }),
    ]);
  });

  it('reads the real root file system with Node statfs', async () => {
    const [root] = await readDiskUsage(['/']);
    const s = statfsSync('/');
    expect(root).toMatchObject({ mount: '/', totalBytes: s.blocks * s.bsize });
  });
});

/** An in-memory node file system behind the Sftp interface, with the node's own clock. */
import type { Sftp } from '../../../../../electron/hub/deploy/sftpOps';

interface Entry {
  dir: boolean;
  data: Buffer;
  /** Seconds, by the node's clock. */
  mtime: number;
}

export function memorySftp(nodeNow: () => number) {
  const files = new Map<string, Entry>();
  const seconds = (): number => Math.floor(nodeNow() / 1000);
  const parentOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));
  /** A directory's mtime moves when an entry is added or removed, as on a real file system. */
  const changed = (path: string): void => {
    const parent = files.get(parentOf(path));
    if (parent) parent.mtime = seconds();
  };
  const put = (path: string, entry: Entry): void => {
    files.set(path, entry);
    changed(path);
  };
  const drop = (path: string): boolean => {
    const had = files.delete(path);
    if (had) changed(path);
    return had;
  };
  const sftp: Sftp = {
    stat: async (path) => {
      const e = files.get(path);
      return e && { size: e.data.length, mtime: e.mtime };
    },
    mkdir: async (path) => {
      if (files.has(path)) return false;
      put(path, { dir: true, data: Buffer.alloc(0), mtime: seconds() });
      return true;
    },
    mkdirs: async (path) => {
      let at = '';
      for (const part of path.split('/')) {
        at = at ? `${at}/${part}` : part;
        if (!files.has(at)) put(at, { dir: true, data: Buffer.alloc(0), mtime: seconds() });
      }
    },
    write: async (path, data) => put(path, { dir: false, data: Buffer.from(data), mtime: seconds() }),
    read: async (path) => {
      const e = files.get(path);
      if (!e) throw new Error(`no such file ${path}`);
      return e.data;
    },
    rename: async (from, to) => {
      const e = files.get(from);
      if (!e) throw new Error(`no such file ${from}`);
      drop(from);
      put(to, e);
    },
    unlink: async (path) => {
      if (!drop(path)) throw new Error(`no such file ${path}`);
    },
    rmdir: async (path) => {
      if (!drop(path)) throw new Error(`no such dir ${path}`);
    },
    touch: async (path) => {
      const e = files.get(path);
      if (!e) throw new Error(`no such file ${path}`);
      e.mtime = seconds();
    },
    list: async (path) =>
      [...files.entries()]
        .filter(([p]) => parentOf(p) === path)
        .map(([p, e]) => ({ name: p.slice(path.length + 1), mtimeMs: e.mtime * 1000 })),
    end: () => undefined,
  };
  /** Puts a file (or a directory) there as another hub would have left it, at a node time in ms. */
  const plant = (path: string, atMs: number, dir = false): void => {
    files.set(path, { dir, data: Buffer.from(dir ? '' : 'old'), mtime: Math.floor(atMs / 1000) });
  };
  const names = (dir: string): string[] =>
    [...files.keys()]
      .filter((p) => parentOf(p) === dir)
      .map((p) => p.slice(dir.length + 1))
      .sort();
  return { sftp, files, plant, names };
}

import type { Client, SFTPWrapper, Stats } from 'ssh2';

/** What deployment needs to know of a file: its size and mtime (seconds). */
export interface FileInfo {
  size: number;
  mtime: number;
}

/** Promise wrappers over the few SFTP calls deployment needs. Paths are relative to the home directory. */
export interface Sftp {
  stat(path: string): Promise<FileInfo | undefined>;
  mkdir(path: string): Promise<boolean>;
  mkdirs(path: string): Promise<void>;
  write(path: string, data: Buffer): Promise<void>;
  read(path: string): Promise<Buffer>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  /** Moves the file's mtime on (to any new value): how a lock holder shows it is alive. */
  touch(path: string): Promise<void>;
  list(path: string): Promise<{ name: string; mtimeMs: number }[]>;
  end(): void;
}

/** SFTP's "no such file" status. */
const NO_SUCH_FILE = 2;

function call<T>(fn: (cb: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));
}

export function openSftp(client: Client): Promise<Sftp> {
  return call<SFTPWrapper>((cb) => client.sftp(cb)).then((s) => wrap(s));
}

function wrap(s: SFTPWrapper): Sftp {
  const ops: Sftp = {
    stat: (path) =>
      call<Stats>((cb) => s.stat(path, cb)).then(
        (st) => ({ size: st.size, mtime: st.mtime }),
        (err: { code?: number }) => {
          if (err.code === NO_SUCH_FILE) return undefined;
          throw err;
        },
      ),
    // false when it already existed: mkdir is how a lock is taken.
    mkdir: (path) =>
      call<void>((cb) => s.mkdir(path, { mode: 0o700 }, cb)).then(
        () => true,
        async (err: unknown) => {
          if (await ops.stat(path)) return false;
          throw err;
        },
      ),
    mkdirs: async (path) => {
      let at = '';
      for (const part of path.split('/')) {
        at = at ? `${at}/${part}` : part;
        await ops.mkdir(at);
      }
    },
    write: (path, data) => call<void>((cb) => s.writeFile(path, data, { mode: 0o644 }, cb)),
    read: (path) => call<Buffer>((cb) => s.readFile(path, cb)),
    // OpenSSH's posix-rename replaces atomically; plain SFTP rename refuses an existing target.
    rename: (from, to) =>
      call<void>((cb) => s.ext_openssh_rename(from, to, cb)).catch(() => call<void>((cb) => s.rename(from, to, cb))),
    unlink: (path) => call<void>((cb) => s.unlink(path, cb)),
    rmdir: (path) => call<void>((cb) => s.rmdir(path, cb)),
    // The workstation's clock: only the change is looked at, never the value.
    touch: (path) => {
      const now = Math.floor(Date.now() / 1000);
      return call<void>((cb) => s.utimes(path, now, now, cb));
    },
    list: (path) =>
      call<{ filename: string; attrs: Stats }[]>((cb) => s.readdir(path, cb)).then((entries) =>
        entries.map((e) => ({ name: e.filename, mtimeMs: e.attrs.mtime * 1000 })),
      ),
    end: () => s.end(),
  };
  return ops;
}

import { join } from 'node:path';
import {
  entryMatches,
  formatKnownHostsLine,
  knownHostsName,
  type KnownHostsFile,
  parseKnownHosts,
} from '../ssh/knownHosts';
import { readTextFile, writeFileAtomic } from '../store/jsonFile';
import { createSerialQueue } from '../store/serialQueue';

/**
 * The app's own known hosts, `<userData>/known_hosts`, in OpenSSH's format so the same parser
 * (and `ssh-keygen -F`) reads it. Keys the user accepts land here, never in ~/.ssh/known_hosts,
 * which belongs to the user's own ssh.
 */
export class AppKnownHosts {
  private readonly serial = createSerialQueue();

  constructor(
    readonly path: string,
    /** Hash host names (`|1|salt|hash`), as HashKnownHosts does; plain by default, so the user can read it. */
    private readonly options: { hash?: boolean } = {},
  ) {}

  static inDir(userDataDir: string, options: { hash?: boolean } = {}): AppKnownHosts {
    return new AppKnownHosts(join(userDataDir, 'known_hosts'), options);
  }

  /** The file as it is now; '' when there is none yet. */
  async text(): Promise<string> {
    return (await readTextFile(this.path)) ?? '';
  }

  /** Its entries, and warnings for lines that were skipped (for the log). */
  async entries(): Promise<KnownHostsFile> {
    return parseKnownHosts(await this.text(), this.path);
  }

  /**
   * Records an accepted host key: the whole file is rewritten atomically (mode 0600), one
   * add at a time. A key already on record for the same host and port is not added twice.
   */
  async add(host: string, port: number, keyType: string, keyBlob: Buffer): Promise<void> {
    // Formatting first validates host, port and key before anything is read or written.
    const line = formatKnownHostsLine(host, port, keyType, keyBlob, { hash: this.options.hash ?? false });
    return this.serial(async () => {
      const text = await this.text();
      const name = knownHostsName(host, port);
      const { entries } = parseKnownHosts(text, this.path);
      if (entries.some((e) => e.marker === undefined && e.keyBlob.equals(keyBlob) && entryMatches(e, name))) return;
      const separator = text === '' || text.endsWith('\n') ? '' : '\n';
      await writeFileAtomic(this.path, `${text}${separator}${line}\n`, { mode: 0o600 });
    });
  }

  /**
   * Removes every key recorded for `host` at `port` (the lines that name it, hashed or not, as
   * `ssh-keygen -R` does); `@revoked` and `@cert-authority` lines stay. Returns how many lines went.
   */
  async remove(host: string, port: number): Promise<number> {
    const name = knownHostsName(host, port);
    return this.serial(async () => {
      const text = await this.text();
      const { entries } = parseKnownHosts(text, this.path);
      const gone = new Set(entries.filter((e) => e.marker === undefined && entryMatches(e, name)).map((e) => e.line));
      if (gone.size === 0) return 0;
      const kept = text.split('\n').filter((_, i) => !gone.has(i + 1));
      await writeFileAtomic(this.path, kept.join('\n'), { mode: 0o600 });
      return gone.size;
    });
  }
}

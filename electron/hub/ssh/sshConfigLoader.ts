/**
 * Reads the user's ssh_config (and the system's) with their Include files, as OpenSSH 9
 * does: Include takes several glob patterns; a relative one is taken from ~/.ssh (from
 * /etc/ssh in the system file, where `~` is refused); matches are read in sorted order;
 * patterns that match nothing and missing files are ignored; nesting stops at 16 levels.
 * Globs know `*`, `?`, `[...]` (`[!...]`), and `\` escapes; `*` never matches a leading dot.
 * Not supported: the ownership/permission checks ssh makes on included files.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ABSENT, fileStamp } from './fileStamp';
import { parseSshConfig, type SshConfig, type SshConfigFile } from './sshConfig';

/** OpenSSH's READCONF_MAX_DEPTH. */
const MAX_DEPTH = 16;

export interface LoadSshConfigOptions {
  /** The local user's home directory. */
  home: string;
  /** Default `<home>/.ssh/config`. */
  userPath?: string;
  /** Default `/etc/ssh/ssh_config`; null reads no system file. */
  systemPath?: string | null;
}

interface Ctx {
  home: string;
  /** The user's file and its includes (relative paths from ~/.ssh, `~` allowed). */
  user: boolean;
  /** Every file and directory looked at, with its stamp from before it was read. */
  stamps: Map<string, string>;
}

function globSegmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] ?? '';
    if (c === '\\' && i + 1 < segment.length) re += escape(segment[++i] ?? '');
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[' && segment.indexOf(']', i + 2) > i) {
      const end = segment.indexOf(']', i + 2);
      const body = segment.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      const set = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&');
      re += `[${negated ? '^' : ''}${set}]`;
      i = end;
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`, 's');
}

const escape = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const isMagic = (segment: string): boolean => /[*?[\\]/.test(segment);

/**
 * Paths matching an absolute glob pattern, sorted; none when nothing matches. `stamps` gets
 * the directories listed and the paths looked up, so a file that appears later is noticed.
 */
export async function globPaths(pattern: string, stamps = new Map<string, string>()): Promise<string[]> {
  let found = ['/'];
  for (const segment of pattern.split('/').filter(Boolean)) {
    if (!isMagic(segment)) {
      found = found.map((dir) => join(dir, segment));
      continue;
    }
    const re = globSegmentRegExp(segment);
    const next: string[] = [];
    for (const dir of found) {
      stamps.set(dir, await fileStamp(dir));
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue;
        if (re.test(name)) next.push(join(dir, name));
      }
    }
    found = next;
  }
  // Literal segments were not looked up on the way: keep only paths that exist, as glob(3) does.
  const found2 = await Promise.all(found.map(async (path) => ({ path, stamp: await fileStamp(path) })));
  for (const f of found2) stamps.set(f.path, f.stamp);
  return found2
    .filter((f) => f.stamp !== ABSENT)
    .map((f) => f.path)
    .sort();
}

function anchor(pattern: string, ctx: Ctx): string | undefined {
  if (pattern.startsWith('~')) {
    if (!ctx.user || !(pattern === '~' || pattern.startsWith('~/'))) return undefined;
    return ctx.home + pattern.slice(1);
  }
  if (pattern.startsWith('/')) return pattern;
  return ctx.user ? join(ctx.home, '.ssh', pattern) : join('/etc/ssh', pattern);
}

async function readIncludes(file: SshConfigFile, ctx: Ctx, depth: number): Promise<void> {
  for (const line of file.lines) {
    if (line.kind !== 'include') continue;
    const where = `${file.path}:${line.line}`;
    if (depth >= MAX_DEPTH) {
      file.warnings.push(`${where}: Include nested more than ${MAX_DEPTH} deep; skipped.`);
      continue;
    }
    for (const pattern of line.patterns) {
      const absolute = anchor(pattern, ctx);
      if (absolute === undefined) {
        file.warnings.push(`${where}: Include "${pattern}" is not supported here; skipped.`);
        continue;
      }
      for (const path of await globPaths(absolute, ctx.stamps)) {
        const included = await loadFile(path, ctx, depth + 1);
        if (included) line.files.push(included);
      }
    }
  }
}

/** One file and what it includes; undefined when it does not exist. */
async function loadFile(path: string, ctx: Ctx, depth: number): Promise<SshConfigFile | undefined> {
  let text: string;
  ctx.stamps.set(path, await fileStamp(path));
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return { path, lines: [], warnings: [`${path}: cannot be read (${code ?? 'error'}); skipped.`] };
  }
  const file = parseSshConfig(text, path);
  await readIncludes(file, ctx, depth);
  return file;
}

/** Every warning of a loaded config, includes too, for the log. */
export function configWarnings(config: SshConfig): string[] {
  const out: string[] = [];
  const visit = (file: SshConfigFile): void => {
    out.push(...file.warnings);
    for (const line of file.lines) if (line.kind === 'include') line.files.forEach(visit);
  };
  config.forEach(visit);
  return out;
}

/** A loaded config and the stamps of everything it was read from (see sshConfigCache.ts). */
export interface StampedSshConfig {
  config: SshConfig;
  stamps: ReadonlyMap<string, string>;
}

/** loadSshConfig, also saying which files and directories it looked at. */
export async function loadSshConfigStamped(options: LoadSshConfigOptions): Promise<StampedSshConfig> {
  const userPath = options.userPath ?? join(options.home, '.ssh', 'config');
  const systemPath = options.systemPath === undefined ? '/etc/ssh/ssh_config' : options.systemPath;
  const stamps = new Map<string, string>();
  const user = await loadFile(userPath, { home: options.home, user: true, stamps }, 0);
  const system =
    systemPath === null ? undefined : await loadFile(systemPath, { home: options.home, user: false, stamps }, 0);
  return { config: [user, system].filter((f): f is SshConfigFile => f !== undefined), stamps };
}

/** The user's ssh_config, then the system's, each with its includes; missing files give none. */
export async function loadSshConfig(options: LoadSshConfigOptions): Promise<SshConfig> {
  return (await loadSshConfigStamped(options)).config;
}

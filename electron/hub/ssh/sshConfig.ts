/**
 * OpenSSH client configuration (~/.ssh/config): parse the text, and resolve the options one
 * host gets, the way `ssh -G host` does for the options mosdesk uses. Pure functions; the
 * Include loader that reads files is sshConfigLoader.ts.
 *
 * Read as OpenSSH 9 reads it: keywords in any case; `key value` or `key=value`; arguments
 * split on blanks with "double" or 'single' quotes and backslash escapes; `#` at the start of
 * an argument ends the line. `Host` lines with several patterns, `*` and `?` wildcards and
 * `!negation`, matched case-sensitively against the alias as typed; `Match all`. The first
 * value of an option wins, except IdentityFile, whose lines all count, in order. ProxyJump
 * and ProxyCommand exclude each other as in OpenSSH (the first one met wins; `none` counts).
 *
 * Options read: HostName (%h %%), User, Port, IdentityFile, IdentitiesOnly, IdentityAgent
 * (none, SSH_AUTH_SOCK, $VAR or a path), ProxyJump, ProxyCommand (reported only: mosdesk
 * cannot run one), ConnectTimeout, ServerAliveInterval, ServerAliveCountMax,
 * StrictHostKeyChecking, UserKnownHostsFile, GlobalKnownHostsFile; `~/` and %d %u %h %n %p %r %l %L %i %% expand
 * in file and socket paths, with OpenSSH's defaults (port 22, the local user).
 *
 * Not supported: Match with any criterion but `all` (the block is skipped and a warning
 * says so); CanonicalizeHostname and the final pass; HostKeyAlias; the %C %j %k tokens and
 * ${ENV} in paths; `~user/`; service names as ports; every other keyword, which is
 * ignored without a word (ssh itself refuses unknown keywords); bad lines are skipped with a
 * warning where ssh would refuse the whole file (a bad Host or Match line opens a block that
 * matches nothing); file permission checks on Include.
 */
import { matchPattern } from './pattern';
import { expandTokens, OPTIONS, type OptionValues, type StrictHostKeyChecking, type Tokens } from './sshConfigOptions';

export type ConfigLine =
  | { kind: 'host'; line: number; patterns: string[] }
  | { kind: 'match'; line: number; all: boolean }
  | { kind: 'option'; line: number; keyword: string; values: OptionValues }
  /** `files` is filled by the loader, one per file the patterns matched, in glob order. */
  | { kind: 'include'; line: number; patterns: string[]; files: SshConfigFile[] };

export interface SshConfigFile {
  path: string;
  lines: ConfigLine[];
  /** `path:line: why`, for the log. */
  warnings: string[];
}

/** Files in the order ssh reads them (the user's, then the system's); the first value wins. */
export type SshConfig = readonly SshConfigFile[];

/** argv_split() drops a backslash before a quote, a backslash, or (unquoted) a space. */
const escapes = (next: string, quote: string): boolean =>
  next === "'" || next === '"' || next === '\\' || (!quote && next === ' ');

/** Reads one argument starting at `start`: its text and where it ended; undefined for an open quote. */
function readArg(text: string, start: number): { arg: string; end: number } | undefined {
  let arg = '';
  let quote = '';
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && escapes(text.charAt(i + 1), quote)) arg += text.charAt(++i);
    else if (!quote && (c === ' ' || c === '\t')) break;
    else if (!quote && (c === '"' || c === "'")) quote = c;
    else if (quote && c === quote) quote = '';
    else arg += c;
  }
  return quote ? undefined : { arg, end: i };
}

/** OpenSSH's argv_split() with comments on; undefined for an unclosed quote. */
export function splitArgs(text: string): string[] | undefined {
  const args: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length || text[i] === '#') return args;
    const read = readArg(text, i);
    if (!read) return undefined;
    args.push(read.arg);
    i = read.end;
  }
}

/** Keyword and the rest of the line after its separator (blanks, or one `=`). */
function splitKeyword(text: string): { keyword: string; rest: string } | undefined {
  const m = /^[ \t]*([^ \t="]+)[ \t]*=?[ \t]*(.*)$/.exec(text.replace(/[ \t\r\f]+$/, ''));
  if (!m || m[1]?.startsWith('#')) return undefined;
  return { keyword: (m[1] ?? '').toLowerCase(), rest: m[2] ?? '' };
}

function readLine(keyword: string, args: string[], rest: string, line: number): ConfigLine | string | undefined {
  if (keyword === 'host') {
    if (args.some((a) => a === '' || a === '!')) return 'empty Host pattern';
    return { kind: 'host', line, patterns: args };
  }
  if (keyword === 'match') {
    const all = args.length === 1 && args[0]?.toLowerCase() === 'all';
    return all ? { kind: 'match', line, all } : `"Match ${rest}" is not supported; its block is skipped`;
  }
  if (keyword === 'include') return { kind: 'include', line, patterns: args, files: [] };
  const read = Object.hasOwn(OPTIONS, keyword) ? OPTIONS[keyword] : undefined;
  if (!read) return undefined;
  const values = read(args, rest);
  return typeof values === 'string' ? `${keyword}: ${values}` : { kind: 'option', line, keyword, values };
}

/** Parses one config file's text; `path` names it in warnings. */
export function parseSshConfig(text: string, path = 'ssh_config'): SshConfigFile {
  const file: SshConfigFile = { path, lines: [], warnings: [] };
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const parts = splitKeyword(raw);
    if (!parts) return;
    const args = splitArgs(parts.rest);
    let read: ConfigLine | string | undefined;
    if (args === undefined) read = 'unclosed quote';
    else if (args.length === 0) read = `no argument after "${parts.keyword}"`;
    else read = readLine(parts.keyword, args, parts.rest, line);
    if (typeof read === 'string') file.warnings.push(`${path}:${line}: ${read}.`);
    // A bad Host or Match line still opens a block, one that matches nothing, so the lines
    // under it never fall into the block before it.
    if (typeof read === 'string' && parts.keyword === 'match') read = { kind: 'match', line, all: false };
    if (typeof read === 'string' && parts.keyword === 'host') read = { kind: 'host', line, patterns: [] };
    if (typeof read === 'object') file.lines.push(read);
  });
  return file;
}

export type IdentityAgent = { kind: 'none' } | { kind: 'env'; name: string } | { kind: 'path'; path: string };

/** What ~/.ssh/config says for one host; undefined means "not set": the caller's default. */
export interface ResolvedSshOptions {
  /** HostName with %h expanded, else the alias; lowercased as ssh does. */
  hostName: string;
  user?: string;
  port?: number;
  /** Expanded, in order; [] when none is configured (ssh's default files are the caller's). */
  identityFiles: string[];
  identitiesOnly?: boolean;
  identityAgent?: IdentityAgent;
  /** As written (`[user@]host[:port]`, comma-separated hops); `none` gives undefined. */
  proxyJump?: string;
  /** Set when the config asks for one; mosdesk cannot honour it and should say so. */
  proxyCommand?: string;
  connectTimeoutSeconds?: number;
  serverAliveIntervalSeconds?: number;
  serverAliveCountMax?: number;
  strictHostKeyChecking?: StrictHostKeyChecking;
  /** Expanded; [] for `none`. */
  userKnownHostsFiles?: string[];
  /** `~` expanded (ssh expands no `%` token here); [] for `none`. */
  globalKnownHostsFiles?: string[];
  /** Tokens that could not be expanded, for the log. */
  warnings: string[];
}

export interface ResolveContext {
  localUser: string;
  /** The local user's home directory, for `~` and %d. */
  home: string;
  /** The local host name, for %l and %L. */
  localHost?: string;
  /** The local user id, for %i. */
  uid?: number;
}

type Acc = OptionValues & { identityFiles: string[] };

function hostMatches(alias: string, patterns: string[]): boolean {
  let positive = false;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    if (!matchPattern(alias, negated ? p.slice(1) : p)) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
}

function setFirst<K extends keyof OptionValues>(acc: OptionValues, values: OptionValues, key: K): void {
  if (acc[key] === undefined && values[key] !== undefined) acc[key] = values[key];
}

const FIRST_WINS = [
  'hostName',
  'user',
  'port',
  'identitiesOnly',
  'identityAgent',
  'connectTimeoutSeconds',
  'serverAliveIntervalSeconds',
  'serverAliveCountMax',
  'strictHostKeyChecking',
  'userKnownHostsFiles',
  'globalKnownHostsFiles',
] as const;

function merge(acc: Acc, values: OptionValues): void {
  if (values.identityFiles) acc.identityFiles.push(...values.identityFiles);
  // readconf.c: a ProxyJump sets ProxyCommand to none, and a ProxyCommand (even none) stops ProxyJump.
  if (values.proxyJump !== undefined && acc.proxyJump === undefined && acc.proxyCommand === undefined) {
    acc.proxyJump = values.proxyJump;
    if (values.proxyJump !== 'none') acc.proxyCommand = 'none';
  }
  setFirst(acc, values, 'proxyCommand');
  for (const key of FIRST_WINS) setFirst(acc, values, key);
}

/** Applies the lines that concern `alias`; an included file cannot change the includer's block. */
function walk(lines: readonly ConfigLine[], active: boolean, alias: string, acc: Acc): void {
  for (const l of lines) {
    if (l.kind === 'host') active = hostMatches(alias, l.patterns);
    else if (l.kind === 'match') active = l.all;
    else if (!active) continue;
    else if (l.kind === 'option') merge(acc, l.values);
    else for (const f of l.files) walk(f.lines, active, alias, acc);
  }
}

function identityAgent(value: string | undefined, expand: (s: string) => string): IdentityAgent | undefined {
  if (value === undefined) return undefined;
  if (value.toLowerCase() === 'none') return { kind: 'none' };
  if (value === 'SSH_AUTH_SOCK') return { kind: 'env', name: value };
  if (value.startsWith('$')) return { kind: 'env', name: value.slice(1) };
  return { kind: 'path', path: expand(value) };
}

/** The options `alias` gets from `config`, as `ssh -G alias` would show them. */
export function resolveSshHost(
  config: SshConfig | SshConfigFile,
  alias: string,
  ctx: ResolveContext,
): ResolvedSshOptions {
  const acc: Acc = { identityFiles: [] };
  for (const file of 'lines' in config ? [config] : config) walk(file.lines, true, alias, acc);
  const warnings: string[] = [];
  const warn = (message: string): void => void warnings.push(message);
  const hostName = (acc.hostName === undefined ? alias : expandTokens(acc.hostName, { h: alias }, warn)).toLowerCase();
  const tokens: Tokens = {
    d: ctx.home,
    u: ctx.localUser,
    h: hostName,
    n: alias,
    p: String(acc.port ?? 22),
    r: acc.user ?? ctx.localUser,
    l: ctx.localHost,
    L: ctx.localHost?.split('.')[0],
    i: ctx.uid?.toString(),
  };
  const expand = (s: string): string => expandTokens(s, tokens, warn, ctx.home);
  const files = (list: string[] | undefined, how: (s: string) => string): string[] | undefined =>
    list?.length === 1 && list[0] === 'none' ? [] : list?.map(how);
  // ssh expands only `~` in GlobalKnownHostsFile, no `%` tokens (ssh.c).
  const tildeOnly = (s: string): string => (s === '~' || s.startsWith('~/') ? ctx.home + s.slice(1) : s);
  const { hostName: _h, identityFiles: _f, proxyJump, proxyCommand, ...rest } = acc;
  return {
    ...rest,
    hostName,
    identityFiles: acc.identityFiles.map(expand),
    identityAgent: identityAgent(acc.identityAgent, expand),
    proxyJump: proxyJump === 'none' ? undefined : proxyJump,
    proxyCommand: proxyCommand === 'none' ? undefined : proxyCommand,
    userKnownHostsFiles: files(acc.userKnownHostsFiles, expand),
    globalKnownHostsFiles: files(acc.globalKnownHostsFiles, tildeOnly),
    warnings,
  };
}

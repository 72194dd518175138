/**
 * The ssh_config options mosdesk honours: how each one's arguments are read (as OpenSSH 9's
 * readconf.c reads them) and how `%` tokens and `~` are expanded. Pure functions.
 * Every other keyword is ignored (see sshConfig.ts for the list of what is not supported).
 */
import { parseJumpSpec } from './hostList';

export type StrictHostKeyChecking = 'yes' | 'no' | 'ask' | 'accept-new';

/** What one option line contributes; resolveSshHost merges these, first value winning. */
export interface OptionValues {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles?: string[];
  identitiesOnly?: boolean;
  identityAgent?: string;
  /** `none` is kept here: it stops later ProxyJump lines. */
  proxyJump?: string;
  proxyCommand?: string;
  connectTimeoutSeconds?: number;
  serverAliveIntervalSeconds?: number;
  serverAliveCountMax?: number;
  strictHostKeyChecking?: StrictHostKeyChecking;
  userKnownHostsFiles?: string[];
  globalKnownHostsFiles?: string[];
}

/** Reads one option's arguments: the values, or a sentence saying why the line is bad. */
type OptionReader = (args: string[], rest: string) => OptionValues | string;

/** OpenSSH's convtime(): `90`, `1m30s`, `1h`, units s m h d w in either case. */
export function parseTime(text: string): number | undefined {
  const units: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
  let total = 0;
  let rest = text;
  while (rest !== '') {
    const m = /^(\d+)([smhdw]?)/i.exec(rest);
    const unit = m ? units[(m[2] ?? '').toLowerCase()] : undefined;
    if (!m || unit === undefined || (m[2] === '' && m[0] !== rest)) return undefined;
    total += Number(m[1]) * unit;
    rest = rest.slice(m[0].length);
  }
  return text === '' || total > 2 ** 31 - 1 ? undefined : total;
}

const FLAGS: Record<string, boolean> = { yes: true, true: true, no: false, false: false };
const STRICT: Record<string, StrictHostKeyChecking> = {
  yes: 'yes',
  true: 'yes',
  no: 'no',
  false: 'no',
  off: 'no',
  ask: 'ask',
  'accept-new': 'accept-new',
};

/** A reader for options that take exactly one argument. */
function one(read: (arg: string) => OptionValues | string): OptionReader {
  return (args) => {
    if (args.length > 1) return 'extra arguments at the end of the line';
    const arg = args[0] ?? '';
    return arg === '' ? 'empty argument' : read(arg);
  };
}

function time(key: 'connectTimeoutSeconds' | 'serverAliveIntervalSeconds'): OptionReader {
  return one((arg) => {
    const seconds = parseTime(arg);
    return seconds === undefined ? `"${arg}" is not a time (90, 1m30s)` : { [key]: seconds };
  });
}

function proxyJump(arg: string): OptionValues | string {
  try {
    parseJumpSpec(arg);
    return { proxyJump: arg.toLowerCase() === 'none' ? 'none' : arg };
  } catch (err) {
    return err instanceof Error ? err.message : 'bad ProxyJump';
  }
}

/** Keyword (lowercase) to reader. */
export const OPTIONS: Record<string, OptionReader> = {
  hostname: one((arg) => ({ hostName: arg })),
  user: one((arg) => ({ user: arg })),
  port: one((arg) => {
    const port = /^\d{1,5}$/.test(arg) ? Number(arg) : 0;
    return port >= 1 && port <= 65535 ? { port } : `bad port "${arg}" (service names are not supported)`;
  }),
  identityfile: one((arg) => ({ identityFiles: [arg] })),
  identitiesonly: one((arg) => {
    const flag = FLAGS[arg.toLowerCase()];
    return flag === undefined ? `"${arg}" is not yes or no` : { identitiesOnly: flag };
  }),
  identityagent: one((arg) => ({ identityAgent: arg })),
  proxyjump: one(proxyJump),
  proxycommand: (_args, rest) => ({ proxyCommand: rest }),
  connecttimeout: time('connectTimeoutSeconds'),
  serveraliveinterval: time('serverAliveIntervalSeconds'),
  serveralivecountmax: one((arg) =>
    /^\d{1,9}$/.test(arg) ? { serverAliveCountMax: Number(arg) } : `"${arg}" is not a count`,
  ),
  stricthostkeychecking: one((arg) => {
    const mode = STRICT[arg.toLowerCase()];
    return mode === undefined ? `"${arg}" is not yes, no, ask or accept-new` : { strictHostKeyChecking: mode };
  }),
  userknownhostsfile: (args) => (args.some((a) => a === '') ? 'empty argument' : { userKnownHostsFiles: args }),
  globalknownhostsfile: (args) => (args.some((a) => a === '') ? 'empty argument' : { globalKnownHostsFiles: args }),
};

/** Values for `%` tokens; a token left out is reported when used. */
export type Tokens = Partial<Record<'d' | 'h' | 'i' | 'l' | 'L' | 'n' | 'p' | 'r' | 'u', string>>;

/**
 * Expands `~`/`~/` (when `home` is given) and then `%x` tokens, as OpenSSH's
 * tilde_expand_filename() and percent_expand() do. Unknown or unavailable tokens and
 * `~user` are left as written and reported through `warn`.
 */
export function expandTokens(text: string, tokens: Tokens, warn: (message: string) => void, home?: string): string {
  let out = text;
  if (home !== undefined && (out === '~' || out.startsWith('~/'))) out = home + out.slice(1);
  else if (home !== undefined && out.startsWith('~')) warn(`"${text}": ~user is not supported`);
  return out.replace(/%(.?)/gs, (whole, key: string) => {
    if (key === '%') return '%';
    const value = Object.hasOwn(tokens, key) ? tokens[key as keyof Tokens] : undefined;
    if (value === undefined) warn(`"${text}": %${key} is not supported here`);
    return value ?? whole;
  });
}

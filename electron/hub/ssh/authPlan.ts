import { readFile } from 'node:fs/promises';
import type { AnyAuthMethod, AuthHandlerMiddleware } from 'ssh2';
import { parsePublicKey } from './fingerprint';
import { IdentityAgent } from './identityAgent';
import { readPrivateKey } from './keyCache';
import type { SshHop } from './sshTarget';

/** The auth methods to offer one hop, and a record of what was offered, for the error message. */
export interface AuthPlan {
  handler: AuthHandlerMiddleware;
  /** What was tried and what was skipped, in order; never secrets. */
  describe(): string;
  /** Adds a note to describe(), such as an ssh-agent that could not be reached. */
  note(text: string): void;
  /** True once ssh2 asked for a first method: a disconnect from then on ends a login. */
  started(): boolean;
  /** True once the password went to the server (as "password" or as keyboard-interactive answers). */
  passwordSent(): boolean;
}

/** Ends the login at once, with the reason (a prompt mosdesk must not answer). */
export type AbortLogin = (why: string) => void;

interface Candidate {
  label: () => string;
  method: AnyAuthMethod;
  /** A key's public blob: not offered again once the agent offered the same key. */
  blob?: Buffer;
}

/** A plain login prompt ("Password:", "root@node1's password:", "Password for root@LAB:"), nothing else. */
const LOGIN_PROMPT = /^\s*(?:\S+'s\s+)?password(?:\s+for\s+\S+)?:\s*$/i;

/** Prompt text from the server, made safe for a message: one line, at most 120 characters. */
const shown = (text: string): string =>
  [...text]
    .map((c) => (c < ' ' || c === '\x7f' ? ' ' : c))
    .join('')
    .replace(/ +/g, ' ')
    .trim()
    .slice(0, 120);

/**
 * The password as keyboard-interactive answers, for servers that check it through PAM: one
 * round only, and only plain login prompts. A second round (the password was wrong), or any
 * other prompt (a one-time code, "New password:"), ends the login instead of guessing, so a
 * wrong or expired password costs one failure, never several.
 */
function keyboardMethod(username: string, password: string, abort: AbortLogin, sent: () => void): AnyAuthMethod {
  let answered = false;
  return {
    type: 'keyboard-interactive',
    username,
    prompt: (_name, _instructions, _lang, prompts, finish) => {
      // A round without prompts only shows text (a banner): nothing to answer, nothing sent.
      if (prompts.length === 0) return finish([]);
      const other = prompts.find((p) => !LOGIN_PROMPT.test(p.prompt));
      if (other) return abort(`the server asked "${shown(other.prompt)}", which mosdesk does not answer`);
      if (answered || prompts.length > 1) return abort('the server asked for the password again: it was refused');
      answered = true;
      sent();
      finish([password]);
    },
  };
}

/** One identity file: what to offer from it, and its public key to let through the agent. */
interface KeyFile {
  blob?: Buffer;
  candidate?: Candidate;
}

/** The public key beside a private key file (`<file>.pub`), which OpenSSH also reads. */
async function pubBlob(file: string): Promise<Buffer | undefined> {
  try {
    return parsePublicKey(await readFile(`${file}.pub`, 'utf8')).blob;
  } catch {
    return undefined;
  }
}

/** Reads one identity file; a key that cannot be used becomes a note instead of an attempt. */
async function readKeyFile(file: string, hop: SshHop, notes: string[]): Promise<KeyFile> {
  const read = await readPrivateKey(file, hop.passphrase);
  if (read.kind === 'key' && read.key.isPrivateKey()) {
    const blob = read.key.getPublicSSH();
    const method: AnyAuthMethod = { type: 'publickey', username: hop.user, key: read.key };
    return { blob, candidate: { label: () => `key ${file}`, method, blob } };
  }
  // A public key named as IdentityFile selects that key in the agent, as in OpenSSH.
  if (read.kind === 'key') return { blob: read.key.getPublicSSH() };
  if (read.kind === 'missing') {
    // OpenSSH silently skips default keys that do not exist; say so only when one file was named.
    if (hop.identityFiles.length === 1) notes.push(`key ${file} does not exist`);
  } else if (read.kind === 'unreadable') {
    notes.push(`key ${file} could not be read`);
  } else if (/encrypted|passphrase/i.test(read.error.message)) {
    notes.push(
      `key ${file} is encrypted and ${hop.passphrase === undefined ? 'no passphrase was given' : 'the passphrase is wrong'}`,
    );
  } else {
    notes.push(`key ${file} is not a private key ssh2 can read (${read.error.message})`);
  }
  const blob = hop.identitiesOnly && hop.agentSocket ? await pubBlob(file) : undefined;
  return blob ? { blob } : {};
}

function agentCandidate(hop: SshHop, socket: string, files: KeyFile[]): { agent: IdentityAgent; candidate: Candidate } {
  const only = hop.identitiesOnly ? files.flatMap((f) => (f.blob ? [f.blob] : [])) : undefined;
  const agent = new IdentityAgent(socket, only);
  const label = (): string => {
    if (agent.held === undefined || agent.offered().length > 0) return 'ssh-agent';
    return only ? 'ssh-agent (none of its keys is an identity file: IdentitiesOnly)' : 'ssh-agent (no keys)';
  };
  return { agent, candidate: { label, method: { type: 'agent', username: hop.user, agent } } };
}

type PasswordStep = { kind: 'probe'; method: AnyAuthMethod } | { kind: 'offer'; candidate: Candidate } | undefined;

/**
 * The password comes last, once: as "password" where the server takes it, else as
 * keyboard-interactive. ssh2 does not always say which methods are left (not on the first
 * try, nor after the ssh-agent), so then a "none" request asks the server first.
 */
function passwordChoice(username: string, password: string, abort: AbortLogin, sent: () => void) {
  let probed = false;
  let used = false;
  return {
    choose(methodsLeft: string[] | null): PasswordStep {
      if (used) return undefined;
      if (methodsLeft === null) {
        if (probed) return undefined;
        probed = true;
        return { kind: 'probe', method: { type: 'none', username } };
      }
      used = true;
      if (methodsLeft.includes('password')) {
        sent();
        return {
          kind: 'offer',
          candidate: { label: () => 'password', method: { type: 'password', username, password } },
        };
      }
      if (methodsLeft.includes('keyboard-interactive')) {
        const method = keyboardMethod(username, password, abort, sent);
        return { kind: 'offer', candidate: { label: () => 'password (keyboard-interactive)', method } };
      }
      return undefined;
    },
  };
}

/**
 * What to offer, in OpenSSH's order: the ssh-agent's keys (with IdentitiesOnly, only those of
 * the identity files), the identity files not already offered by the agent, then the password.
 */
export async function planAuth(hop: SshHop, abort: AbortLogin = () => undefined): Promise<AuthPlan> {
  const notes: string[] = [];
  const files: KeyFile[] = [];
  for (const file of hop.identityFiles) files.push(await readKeyFile(file, hop, notes));
  const queue: Candidate[] = [];
  let agent: IdentityAgent | undefined;
  if (hop.agentSocket) {
    const made = agentCandidate(hop, hop.agentSocket, files);
    agent = made.agent;
    queue.push(made.candidate);
  }
  queue.push(...files.flatMap((f) => (f.candidate ? [f.candidate] : [])));
  const tried: Candidate[] = [];
  let asked = false;
  let passwordSent = false;
  const password =
    hop.password === undefined ? undefined : passwordChoice(hop.user, hop.password, abort, () => (passwordSent = true));
  const offeredByAgent = (blob: Buffer | undefined): boolean =>
    blob !== undefined && (agent?.offered() ?? []).some((b) => b.equals(blob));
  const handler: AuthHandlerMiddleware = (methodsLeft, _partial, next) => {
    asked = true;
    // Skip what the server said it does not take (password on a key-only server, say).
    while (queue.length > 0) {
      const candidate = queue.shift() as Candidate;
      const type = candidate.method.type === 'agent' ? 'publickey' : candidate.method.type;
      if (methodsLeft && !methodsLeft.includes(type)) continue;
      if (offeredByAgent(candidate.blob)) continue;
      tried.push(candidate);
      next(candidate.method);
      return;
    }
    const last = password?.choose(methodsLeft);
    if (last?.kind === 'probe') return next(last.method);
    if (last?.kind === 'offer') {
      tried.push(last.candidate);
      return next(last.candidate.method);
    }
    next(false as unknown as AnyAuthMethod);
  };
  return {
    handler,
    describe: () => {
      const what = tried.length > 0 ? `tried ${tried.map((c) => c.label()).join(', ')}` : 'no key or password to offer';
      return [what, ...notes].join('; ');
    },
    note: (text) => void notes.push(text),
    started: () => asked,
    passwordSent: () => passwordSent,
  };
}

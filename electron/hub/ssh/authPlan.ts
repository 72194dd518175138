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
}

interface Candidate {
  label: () => string;
  method: AnyAuthMethod;
  /** A key's public blob: not offered again once the agent offered the same key. */
  blob?: Buffer;
  /** The password as keyboard-interactive answers, for a server that does not take "password". */
  viaKeyboard?: Candidate;
}

/**
 * The password, offered once: as "password", or as keyboard-interactive when the server only
 * takes that (PAM). Only prompts that ask for a password are answered; any other prompt (a
 * one-time code, say) is answered empty and noted, so the login fails with the reason.
 */
function passwordCandidate(username: string, password: string, notes: string[]): Candidate {
  const keyboard: AnyAuthMethod = {
    type: 'keyboard-interactive',
    username,
    prompt: (_name, _instructions, _lang, prompts, finish) => {
      const others = prompts.filter((p) => !/password/i.test(p.prompt));
      for (const p of others) notes.push(`the server asked "${p.prompt.trim()}", which mosdesk cannot answer`);
      finish(prompts.map((p) => (/password/i.test(p.prompt) ? password : '')));
    },
  };
  return {
    label: () => 'password',
    method: { type: 'password', username, password },
    viaKeyboard: { label: () => 'password (keyboard-interactive)', method: keyboard },
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

/**
 * What to offer, in OpenSSH's order: the ssh-agent's keys (with IdentitiesOnly, only those of
 * the identity files), the identity files not already offered by the agent, then the password.
 */
export async function planAuth(hop: SshHop): Promise<AuthPlan> {
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
  if (hop.password !== undefined) queue.push(passwordCandidate(hop.user, hop.password, notes));
  const tried: Candidate[] = [];
  let asked = false;
  const offeredByAgent = (blob: Buffer | undefined): boolean =>
    blob !== undefined && (agent?.offered() ?? []).some((b) => b.equals(blob));
  const handler: AuthHandlerMiddleware = (methodsLeft, _partial, next) => {
    asked = true;
    // Skip what the server said it does not take (password on a key-only server, say).
    while (queue.length > 0) {
      let candidate = queue.shift() as Candidate;
      // Servers that check passwords through PAM often take them only as keyboard-interactive.
      if (candidate.viaKeyboard && methodsLeft && !methodsLeft.includes('password')) candidate = candidate.viaKeyboard;
      const type = candidate.method.type === 'agent' ? 'publickey' : candidate.method.type;
      if (methodsLeft && !methodsLeft.includes(type)) continue;
      if (offeredByAgent(candidate.blob)) continue;
      tried.push(candidate);
      next(candidate.method);
      return;
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
  };
}

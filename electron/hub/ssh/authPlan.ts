import { readFile } from 'node:fs/promises';
import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware } from 'ssh2';

// ssh2 is CommonJS: Node's ESM loader (tsx, vitest) sees only some of its named exports.
const { utils } = ssh2;
import type { SshHop } from './sshTarget';

/** The auth methods to offer one hop, and a record of what was offered, for the error message. */
export interface AuthPlan {
  handler: AuthHandlerMiddleware;
  /** What was tried and what was skipped, in order; never secrets. */
  describe(): string;
  /** The methods the server said it accepts, from its last refusal. */
  serverMethods(): string[];
}

interface Candidate {
  label: string;
  method: AnyAuthMethod;
}

/** Reads the identity files; a key that cannot be used becomes a note instead of an attempt. */
async function keyCandidates(hop: SshHop, notes: string[]): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const file of hop.identityFiles) {
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (err) {
      // OpenSSH silently skips default keys that do not exist; say so only for other errors.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') notes.push(`key ${file} could not be read`);
      else if (hop.identityFiles.length === 1) notes.push(`key ${file} does not exist`);
      continue;
    }
    const parsed = utils.parseKey(data, hop.passphrase);
    if (parsed instanceof Error) {
      const encrypted = /encrypted|passphrase/i.test(parsed.message);
      notes.push(
        encrypted
          ? `key ${file} is encrypted and ${hop.passphrase === undefined ? 'no passphrase was given' : 'the passphrase is wrong'}`
          : `key ${file} is not a private key ssh2 can read (${parsed.message})`,
      );
      continue;
    }
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (!key) continue;
    out.push({ label: `key ${file}`, method: { type: 'publickey', username: hop.user, key } });
  }
  return out;
}

export async function planAuth(hop: SshHop): Promise<AuthPlan> {
  const notes: string[] = [];
  const queue: Candidate[] = [];
  if (hop.agentSocket) {
    queue.push({ label: 'ssh-agent', method: { type: 'agent', username: hop.user, agent: hop.agentSocket } });
  }
  queue.push(...(await keyCandidates(hop, notes)));
  if (hop.password !== undefined) {
    queue.push({ label: 'password', method: { type: 'password', username: hop.user, password: hop.password } });
  }
  const tried: string[] = [];
  let serverMethods: string[] = [];
  const handler: AuthHandlerMiddleware = (methodsLeft, _partial, next) => {
    if (methodsLeft) serverMethods = [...methodsLeft];
    // Skip what the server said it does not take (password on a key-only server, say).
    while (queue.length > 0) {
      const candidate = queue.shift() as Candidate;
      const type = candidate.method.type === 'agent' ? 'publickey' : candidate.method.type;
      if (methodsLeft && !methodsLeft.includes(type)) continue;
      tried.push(candidate.label);
      next(candidate.method);
      return;
    }
    next(false as unknown as AnyAuthMethod);
  };
  return {
    handler,
    describe: () => {
      const parts = [tried.length > 0 ? `tried ${tried.join(', ')}` : 'no key or password to offer'];
      return [...parts, ...notes].join('; ');
    },
    serverMethods: () => serverMethods,
  };
}

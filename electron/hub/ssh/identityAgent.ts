/**
 * The ssh-agent as the hub offers it to a server. Like OpenSSH, with IdentitiesOnly (or a key
 * file chosen in the app) only the agent's keys that match one of the identity files are
 * offered: a server with MaxAuthTries 6 otherwise refuses a user whose agent holds many keys
 * before the right one comes up. It also remembers what it offered, so a key file already
 * tried through the agent is not offered a second time.
 */
import ssh2, { type ParsedKey, type SignCallback, type SigningRequestOptions } from 'ssh2';

// ssh2 is CommonJS: Node's ESM loader (tsx, vitest) sees only some of its named exports.
const { BaseAgent, createAgent, utils } = ssh2;

type AnyKey = string | Buffer | ParsedKey;
type Inner = InstanceType<typeof BaseAgent>;

const isKey = (key: unknown): key is AnyKey =>
  typeof key === 'string' || Buffer.isBuffer(key) || (typeof key === 'object' && key !== null && 'getPublicSSH' in key);

/** The key's public blob; undefined for what ssh2 would skip too. */
function publicBlob(key: AnyKey): Buffer | undefined {
  const parsed = typeof key === 'object' && 'getPublicSSH' in key ? key : utils.parseKey(key);
  return parsed instanceof Error ? undefined : parsed.getPublicSSH();
}

export class IdentityAgent extends BaseAgent<AnyKey> {
  private readonly inner: Inner;
  private readonly shown: Buffer[] = [];
  /** How many keys the agent held, once asked; undefined before (or when it could not be asked). */
  held: number | undefined;

  /**
   * `socket`: the agent's socket (or "pageant"). `only`: public key blobs to let through;
   * undefined lets every key through.
   */
  constructor(
    socket: string | Inner,
    private readonly only?: readonly Buffer[],
  ) {
    super();
    this.inner = typeof socket === 'string' ? createAgent(socket) : socket;
  }

  /** Public blobs of the keys handed to ssh2, in order. */
  offered(): readonly Buffer[] {
    return this.shown;
  }

  getIdentities(cb: (err: Error | undefined, keys?: AnyKey[]) => void): void {
    this.inner.getIdentities((err, keys) => {
      if (err || !keys) return cb(err ?? new Error('The ssh-agent gave no key list'));
      this.held = keys.length;
      const out: AnyKey[] = [];
      for (const key of keys) {
        if (!isKey(key)) continue;
        const blob = publicBlob(key);
        if (!blob || (this.only && !this.only.some((b) => b.equals(blob)))) continue;
        this.shown.push(blob);
        out.push(key);
      }
      cb(undefined, out);
    });
  }

  sign(pubKey: AnyKey, data: Buffer, options: SigningRequestOptions | SignCallback, cb?: SignCallback): void {
    if (typeof options === 'function') this.inner.sign(pubKey, data, options);
    else this.inner.sign(pubKey, data, options, cb);
  }
}

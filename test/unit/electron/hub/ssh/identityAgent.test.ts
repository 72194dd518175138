import ssh2, { type ParsedKey } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityAgent } from '../../../../../electron/hub/ssh/identityAgent';
import { type GeneratedKey, generateKey, makeTempDir, startSshAgent } from './openssh';

const { BaseAgent, utils } = ssh2;

const tmp = makeTempDir('agent');
let keys: GeneratedKey[];
beforeAll(() => {
  keys = ['k1', 'k2', 'k3'].map((name) => generateKey(tmp.dir, name, 'ed25519'));
});
afterAll(() => tmp.remove());

/** An agent holding public keys, recording what it was asked to sign. */
class FakeAgent extends BaseAgent<ParsedKey> {
  signed: { key: Buffer; data: Buffer }[] = [];
  constructor(private readonly held: ParsedKey[] | Error) {
    super();
  }
  getIdentities(cb: (err: Error | undefined, keys?: ParsedKey[]) => void): void {
    if (this.held instanceof Error) cb(this.held);
    else cb(undefined, this.held);
  }
  sign(pubKey: ParsedKey, data: Buffer, options: unknown, cb?: (err?: Error, sig?: Buffer) => void): void {
    const done = typeof options === 'function' ? (options as typeof cb) : cb;
    this.signed.push({ key: pubKey.getPublicSSH(), data });
    done?.(undefined, Buffer.from('sig'));
  }
}

const parsed = (k: GeneratedKey): ParsedKey => utils.parseKey(k.pubLine) as ParsedKey;
const blobsOf = (list: unknown[] | undefined): Buffer[] => (list ?? []).map((k) => (k as ParsedKey).getPublicSSH());

function identities(agent: IdentityAgent): Promise<unknown[] | undefined> {
  return new Promise((resolve, reject) => agent.getIdentities((err, list) => (err ? reject(err) : resolve(list))));
}

describe('IdentityAgent', () => {
  it('lets every key through without a filter, and remembers them', async () => {
    const agent = new IdentityAgent(new FakeAgent(keys.map(parsed)));
    expect(blobsOf(await identities(agent))).toEqual(keys.map((k) => k.blob));
    expect(agent.offered()).toEqual(keys.map((k) => k.blob));
    expect(agent.held).toBe(3);
  });

  it.each([
    { name: 'the identity files only, in the agent order', only: [2, 0], want: [0, 2] },
    { name: 'nothing when no file is in the agent', only: [], want: [] },
  ])('with a filter lets through $name', async ({ only, want }) => {
    const agent = new IdentityAgent(
      new FakeAgent(keys.map(parsed)),
      only.map((i) => keys[i]?.blob as Buffer),
    );
    expect(blobsOf(await identities(agent))).toEqual(want.map((i) => keys[i]?.blob));
    expect(agent.offered()).toEqual(want.map((i) => keys[i]?.blob));
    expect(agent.held).toBe(3);
  });

  it('passes an agent error on, and says nothing was held', async () => {
    const agent = new IdentityAgent(new FakeAgent(new Error('Failed to connect to agent')));
    await expect(identities(agent)).rejects.toThrow('Failed to connect to agent');
    expect(agent.held).toBeUndefined();
  });

  it('signs through the agent it wraps, with or without options', async () => {
    const inner = new FakeAgent(keys.map(parsed));
    const agent = new IdentityAgent(inner);
    const key = parsed(keys[1] as GeneratedKey);
    const sigs: (Buffer | undefined)[] = [];
    agent.sign(key, Buffer.from('a'), (_e, sig) => void sigs.push(sig));
    agent.sign(key, Buffer.from('b'), { hash: 'sha256' }, (_e, sig) => void sigs.push(sig));
    expect(inner.signed.map((s) => s.data.toString())).toEqual(['a', 'b']);
    expect(sigs).toEqual([Buffer.from('sig'), Buffer.from('sig')]);
  });

  it('talks to a real ssh-agent by its socket', async () => {
    const real = await startSshAgent(tmp.dir, [keys[0], keys[1]] as GeneratedKey[]);
    try {
      const agent = new IdentityAgent(real.socket, [keys[1]?.blob as Buffer]);
      expect(blobsOf(await identities(agent))).toEqual([keys[1]?.blob]);
      expect(agent.held).toBe(2);
    } finally {
      await real.stop();
    }
  });
});

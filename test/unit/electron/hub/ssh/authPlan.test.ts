import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyAuthMethod, AuthenticationType } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthPlan, planAuth } from '../../../../../electron/hub/ssh/authPlan';
import { generateKey, makeTempDir, sshKeygen } from './openssh';
import { testHop } from './hopFixture';

const PASSPHRASE = 'correct horse battery';
const PASSWORD = 'pw-Tr0ub4dor&3';
const tmp = makeTempDir('auth');
const files = { plain: '', encrypted: '', pem: '', garbage: '', dir: '', missing: '' };
beforeAll(() => {
  files.plain = generateKey(tmp.dir, 'plain', 'ed25519').path;
  files.encrypted = join(tmp.dir, 'encrypted');
  sshKeygen(['-q', '-t', 'ed25519', '-N', PASSPHRASE, '-a', '1', '-C', 'enc@test', '-f', files.encrypted]);
  files.pem = join(tmp.dir, 'pem');
  sshKeygen(['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', PASSPHRASE, '-f', files.pem]);
  files.garbage = join(tmp.dir, 'garbage');
  writeFileSync(files.garbage, 'this is not a key\n');
  files.dir = join(tmp.dir, 'a-directory');
  mkdirSync(files.dir);
  files.missing = join(tmp.dir, 'missing');
});
afterAll(() => tmp.remove());

const hop = testHop;

/**
 * Runs the handler as ssh2 does: once with no list (the first try), then once per refusal
 * with the methods the server still takes. What it offered each time; false is "give up".
 */
function drive(plan: AuthPlan, refusals: AuthenticationType[][]): (AnyAuthMethod | false)[] {
  const offered: (AnyAuthMethod | false)[] = [];
  const next = (m: AuthenticationType | AnyAuthMethod): void => void offered.push(m as AnyAuthMethod | false);
  plan.handler(null as unknown as AuthenticationType[], false, next);
  for (const left of refusals) {
    if (offered.at(-1) === false) break;
    plan.handler(left, false, next);
  }
  return offered;
}

/** A short name for each offer: `agent`, `key`, `password`, or `stop`. */
function names(offered: (AnyAuthMethod | false)[]): string[] {
  return offered.map((m) => {
    if (m === false) return 'stop';
    if (m.type === 'publickey') return 'key';
    return m.type;
  });
}

const ALL: AuthenticationType[] = ['publickey', 'password', 'keyboard-interactive'];
const refusedAll = (n: number): AuthenticationType[][] => Array.from({ length: n }, () => ALL);

describe('planAuth', () => {
  it('offers the agent, the keys in order, then the password, and then gives up', async () => {
    const plan = await planAuth(
      hop({
        agentSocket: '/run/agent.sock',
        identityFiles: [files.plain, files.encrypted],
        passphrase: PASSPHRASE,
        password: PASSWORD,
      }),
    );
    const offered = drive(plan, refusedAll(5));
    expect(names(offered)).toEqual(['agent', 'key', 'key', 'password', 'stop']);
    expect(offered[0]).toEqual({ type: 'agent', username: 'root', agent: '/run/agent.sock' });
    const keys = offered.filter(
      (m): m is AnyAuthMethod & { type: 'publickey' } => m !== false && m.type === 'publickey',
    );
    expect(keys.map((k) => (k.key as { comment?: string }).comment)).toEqual(['plain@test', 'enc@test']);
    expect(offered[3]).toEqual({ type: 'password', username: 'root', password: PASSWORD });
    expect(plan.describe()).toBe(`tried ssh-agent, key ${files.plain}, key ${files.encrypted}, password`);
    expect(plan.serverMethods()).toEqual(ALL);
  });

  it('says so when there is nothing to offer', async () => {
    const plan = await planAuth(hop());
    expect(names(drive(plan, []))).toEqual(['stop']);
    expect(plan.describe()).toBe('no key or password to offer');
  });

  it.each([
    {
      name: 'an encrypted key without a passphrase',
      h: () => ({ identityFiles: [files.encrypted] }),
      note: () => `key ${files.encrypted} is encrypted and no passphrase was given`,
    },
    {
      name: 'an encrypted key with a wrong passphrase',
      h: () => ({ identityFiles: [files.encrypted], passphrase: 'wrong horse' }),
      note: () => `key ${files.encrypted} is encrypted and the passphrase is wrong`,
    },
    {
      name: 'an encrypted PEM key without a passphrase',
      h: () => ({ identityFiles: [files.pem] }),
      note: () => `key ${files.pem} is encrypted and no passphrase was given`,
    },
    {
      name: 'an encrypted PEM key with a wrong passphrase',
      h: () => ({ identityFiles: [files.pem], passphrase: 'wrong horse' }),
      note: () => `key ${files.pem} is encrypted and the passphrase is wrong`,
    },
    {
      name: 'a file that is not a key',
      h: () => ({ identityFiles: [files.garbage] }),
      note: () => `key ${files.garbage} is not a private key ssh2 can read (`,
    },
    {
      name: 'the only key file, missing',
      h: () => ({ identityFiles: [files.missing] }),
      note: () => `key ${files.missing} does not exist`,
    },
    {
      name: 'a key file that cannot be read',
      h: () => ({ identityFiles: [files.dir] }),
      note: () => `key ${files.dir} could not be read`,
    },
  ])('turns $name into a note, not an attempt', async ({ h, note }) => {
    const plan = await planAuth(hop(h()));
    expect(names(drive(plan, refusedAll(2)))).toEqual(['stop']);
    expect(plan.describe()).toContain(`no key or password to offer; ${note()}`);
  });

  it('skips missing default keys without a word, and uses the ones there', async () => {
    const plan = await planAuth(hop({ identityFiles: [files.missing, `${files.missing}2`, files.plain] }));
    expect(names(drive(plan, refusedAll(2)))).toEqual(['key', 'stop']);
    expect(plan.describe()).toBe(`tried key ${files.plain}`);
  });

  it('opens an encrypted key with the right passphrase, PEM too', async () => {
    const plan = await planAuth(hop({ identityFiles: [files.encrypted, files.pem], passphrase: PASSPHRASE }));
    expect(names(drive(plan, refusedAll(3)))).toEqual(['key', 'key', 'stop']);
    expect(plan.describe()).toBe(`tried key ${files.encrypted}, key ${files.pem}`);
  });

  it('skips what the server says it does not take', async () => {
    const both = { agentSocket: '/run/agent.sock', identityFiles: [files.plain], password: PASSWORD };
    const keyOnly = await planAuth(hop(both));
    // The first try goes out before the server has said anything: the agent.
    expect(names(drive(keyOnly, [['publickey'], ['publickey']]))).toEqual(['agent', 'key', 'stop']);
    expect(keyOnly.describe()).toBe(`tried ssh-agent, key ${files.plain}`);
    expect(keyOnly.serverMethods()).toEqual(['publickey']);

    const passwordOnly = await planAuth(hop(both));
    expect(names(drive(passwordOnly, [['password', 'keyboard-interactive'], ['password']]))).toEqual([
      'agent',
      'password',
      'stop',
    ]);
    expect(passwordOnly.describe()).toBe('tried ssh-agent, password');
  });

  it('never puts the passphrase or the password in describe()', async () => {
    for (const passphrase of [PASSPHRASE, 'wrong horse']) {
      const plan = await planAuth(
        hop({ identityFiles: [files.encrypted, files.pem, files.garbage], passphrase, password: PASSWORD }),
      );
      drive(plan, refusedAll(5));
      const text = plan.describe();
      expect(text).toContain('password');
      for (const secret of [passphrase, PASSWORD, 'horse', 'Tr0ub4dor']) expect(text).not.toContain(secret);
    }
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyAuthMethod, AuthenticationType } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthPlan, planAuth } from '../../../../../electron/hub/ssh/authPlan';
import { IdentityAgent } from '../../../../../electron/hub/ssh/identityAgent';
import { type GeneratedKey, generateKey, makeTempDir, sshKeygen, startSshAgent } from './openssh';
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

/** One keyboard-interactive round as a server would ask it; undefined when the plan gave no answers. */
function answerRound(
  method: AnyAuthMethod & { type: 'keyboard-interactive' },
  prompts: string[],
): string[] | undefined {
  let answers: string[] | undefined;
  method.prompt(
    '',
    '',
    '',
    prompts.map((prompt) => ({ prompt, echo: false })),
    (a) => (answers = a),
  );
  return answers;
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
    expect(offered[0]).toMatchObject({ type: 'agent', username: 'root', agent: expect.any(IdentityAgent) });
    const keys = offered.filter(
      (m): m is AnyAuthMethod & { type: 'publickey' } => m !== false && m.type === 'publickey',
    );
    expect(keys.map((k) => (k.key as { comment?: string }).comment)).toEqual(['plain@test', 'enc@test']);
    expect(offered[3]).toEqual({ type: 'password', username: 'root', password: PASSWORD });
    expect(plan.describe()).toBe(`tried ssh-agent, key ${files.plain}, key ${files.encrypted}, password`);
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

    const passwordOnly = await planAuth(hop(both));
    expect(names(drive(passwordOnly, [['password', 'keyboard-interactive'], ['password']]))).toEqual([
      'agent',
      'password',
      'stop',
    ]);
    expect(passwordOnly.describe()).toBe('tried ssh-agent, password');
  });

  it('gives the password as keyboard-interactive answers to a server that takes only that, one round only', async () => {
    const aborted: string[] = [];
    const plan = await planAuth(hop({ identityFiles: [files.plain], password: PASSWORD }), (why) => aborted.push(why));
    const offered = drive(plan, [['keyboard-interactive'], ['keyboard-interactive']]);
    expect(names(offered)).toEqual(['key', 'keyboard-interactive', 'stop']);
    expect(plan.describe()).toBe(`tried key ${files.plain}, password (keyboard-interactive)`);
    const method = offered[1] as AnyAuthMethod & { type: 'keyboard-interactive' };
    const answer = (prompts: string[]): string[] | undefined => answerRound(method, prompts);
    expect(plan.passwordSent()).toBe(false);
    expect(answer([])).toEqual([]);
    expect(plan.passwordSent()).toBe(false);
    expect(answer(["root@node1's password: "])).toEqual([PASSWORD]);
    expect(plan.passwordSent()).toBe(true);
    // Asked again in the same login: the password was wrong. Not a second guess.
    expect(answer(['Password: '])).toBeUndefined();
    expect(aborted).toEqual(['the server asked for the password again: it was refused']);
  });

  it.each([
    { prompts: ['Password: '], answered: true },
    { prompts: ["root@node1's password:"], answered: true },
    { prompts: ['Password for root@LAB.EXAMPLE: '], answered: true },
    { prompts: ['Verification code: '], answered: false },
    { prompts: ["One-time password (OATH) for `root': "], answered: false },
    { prompts: ['Current password: '], answered: false },
    { prompts: ['New password: '], answered: false },
    { prompts: ['Passwort: '], answered: false },
    { prompts: ['Password: ', 'Verification code: '], answered: false },
  ])(
    'keyboard-interactive: answers $prompts only if it is a plain login prompt ($answered)',
    async ({ prompts, answered }) => {
      const aborted: string[] = [];
      const plan = await planAuth(hop({ password: PASSWORD }), (why) => aborted.push(why));
      const offered = drive(plan, [['keyboard-interactive']]);
      const method = offered[1] as AnyAuthMethod & { type: 'keyboard-interactive' };
      const answers = answerRound(method, prompts);
      expect(answers).toEqual(answered ? [PASSWORD] : undefined);
      expect(aborted).toHaveLength(answered ? 0 : 1);
      expect(plan.passwordSent()).toBe(answered);
      for (const why of aborted) expect(why).not.toContain(PASSWORD);
    },
  );

  it('asks the server which methods it takes ("none") before a password it would offer blind', async () => {
    // ssh2 says nothing of the methods left on the first try, nor after the ssh-agent.
    const alone = await planAuth(hop({ password: PASSWORD }));
    expect(names(drive(alone, [['keyboard-interactive'], ['keyboard-interactive']]))).toEqual([
      'none',
      'keyboard-interactive',
      'stop',
    ]);
    const afterAgent = await planAuth(hop({ agentSocket: '/run/agent.sock', password: PASSWORD }));
    const offered: string[] = [];
    const next = (m: AuthenticationType | AnyAuthMethod): void =>
      void offered.push(names([m as AnyAuthMethod | false])[0] as string);
    afterAgent.handler(null as unknown as AuthenticationType[], false, next);
    afterAgent.handler(null as unknown as AuthenticationType[], false, next);
    afterAgent.handler(['password', 'publickey'], false, next);
    afterAgent.handler(['publickey'], false, next);
    expect(offered).toEqual(['agent', 'none', 'password', 'stop']);
    expect(afterAgent.passwordSent()).toBe(true);
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

/** Lets the agent answer as ssh2 would ask it: its key list, once the agent method is offered. */
function askAgent(offered: (AnyAuthMethod | false)[]): Promise<number> {
  const method = offered.find((m) => m !== false && m.type === 'agent') as { agent: IdentityAgent } | undefined;
  if (!method) throw new Error('no agent offered');
  return new Promise((resolve, reject) =>
    method.agent.getIdentities((err, keys) => (err ? reject(err) : resolve(keys?.length ?? 0))),
  );
}

describe('planAuth with a real ssh-agent', () => {
  let inAgent: GeneratedKey;
  let other: GeneratedKey;
  let agent: { socket: string; stop(): Promise<void> };
  beforeAll(async () => {
    inAgent = generateKey(tmp.dir, 'in-agent', 'ed25519');
    other = generateKey(tmp.dir, 'other', 'ed25519');
    agent = await startSshAgent(tmp.dir, [other, inAgent]);
  });
  afterAll(() => agent?.stop());

  /** Offers, asking the agent when it comes up, until the plan gives up. */
  async function run(plan: AuthPlan): Promise<{ names: string[]; agentKeys: number }> {
    const offered: (AnyAuthMethod | false)[] = [];
    const next = (m: AuthenticationType | AnyAuthMethod): void => void offered.push(m as AnyAuthMethod | false);
    let agentKeys = -1;
    plan.handler(null as unknown as AuthenticationType[], false, next);
    while (offered.at(-1) !== false) {
      if ((offered.at(-1) as AnyAuthMethod).type === 'agent') agentKeys = await askAgent(offered);
      plan.handler(ALL, false, next);
    }
    return { names: names(offered), agentKeys };
  }

  it('offers every agent key, then only the key files the agent did not offer', async () => {
    const plan = await planAuth(hop({ agentSocket: agent.socket, identityFiles: [inAgent.path, files.plain] }));
    expect(await run(plan)).toEqual({ names: ['agent', 'key', 'stop'], agentKeys: 2 });
    expect(plan.describe()).toBe(`tried ssh-agent, key ${files.plain}`);
  });

  it('with IdentitiesOnly offers only the agent keys of the identity files', async () => {
    const plan = await planAuth(
      hop({ agentSocket: agent.socket, identityFiles: [inAgent.path, files.plain], identitiesOnly: true }),
    );
    expect(await run(plan)).toEqual({ names: ['agent', 'key', 'stop'], agentKeys: 1 });
  });

  it('with IdentitiesOnly finds an agent key by the .pub of a key file it cannot open', async () => {
    const noPrivate = `${tmp.dir}/only-pub`;
    writeFileSync(`${noPrivate}.pub`, `${inAgent.pubLine}\n`);
    const plan = await planAuth(hop({ agentSocket: agent.socket, identityFiles: [noPrivate], identitiesOnly: true }));
    expect(await run(plan)).toEqual({ names: ['agent', 'stop'], agentKeys: 1 });
  });

  it('says so when IdentitiesOnly leaves the agent nothing to offer', async () => {
    const plan = await planAuth(hop({ agentSocket: agent.socket, identityFiles: [files.plain], identitiesOnly: true }));
    expect(await run(plan)).toEqual({ names: ['agent', 'key', 'stop'], agentKeys: 0 });
    expect(plan.describe()).toBe(
      `tried ssh-agent (none of its keys is an identity file: IdentitiesOnly), key ${files.plain}`,
    );
  });
});

describe('planAuth bookkeeping', () => {
  it('has started only once ssh2 asked for a method', async () => {
    const plan = await planAuth(hop());
    expect(plan.started()).toBe(false);
    drive(plan, []);
    expect(plan.started()).toBe(true);
  });

  it('adds notes to describe()', async () => {
    const plan = await planAuth(hop({ identityFiles: [files.plain] }));
    drive(plan, refusedAll(1));
    plan.note('the ssh-agent could not be used (Failed to connect to agent)');
    expect(plan.describe()).toBe(
      `tried key ${files.plain}; the ssh-agent could not be used (Failed to connect to agent)`,
    );
  });
});

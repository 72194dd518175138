import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hostKeyAlgorithms,
  knownHostKeyAlgorithms,
  SSH2_DEFAULT_HOST_KEY_ALGORITHMS,
} from '../../../../../electron/hub/ssh/hostKeyAlgorithms';
import { type GeneratedKey, generateKey, makeTempDir } from './openssh';
import { testHop } from './hopFixture';

const DEFAULTS = [...SSH2_DEFAULT_HOST_KEY_ALGORITHMS];

describe('SSH2_DEFAULT_HOST_KEY_ALGORITHMS', () => {
  it("is ssh2's own default list (an ssh2 upgrade that changes it fails here)", () => {
    const constants = createRequire(import.meta.url)('ssh2/lib/protocol/constants.js') as {
      DEFAULT_SERVER_HOST_KEY: string[];
    };
    expect(DEFAULTS).toEqual(constants.DEFAULT_SERVER_HOST_KEY);
  });
});

describe('hostKeyAlgorithms', () => {
  it.each([
    { name: 'nothing on record: the defaults', known: [], want: DEFAULTS },
    {
      name: 'an ECDSA key first',
      known: ['ecdsa-sha2-nistp256'],
      want: ['ecdsa-sha2-nistp256', ...DEFAULTS.filter((a) => a !== 'ecdsa-sha2-nistp256')],
    },
    {
      name: 'an RSA key as its SHA-2 algorithms, then SHA-1',
      known: ['ssh-rsa'],
      want: ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', ...DEFAULTS.filter((a) => !/rsa/.test(a))],
    },
    {
      name: 'several, in known_hosts order',
      known: ['ssh-rsa', 'ecdsa-sha2-nistp384'],
      want: [
        'rsa-sha2-512',
        'rsa-sha2-256',
        'ssh-rsa',
        'ecdsa-sha2-nistp384',
        'ssh-ed25519',
        'ecdsa-sha2-nistp256',
        'ecdsa-sha2-nistp521',
      ],
    },
    { name: 'ed25519: the same as the defaults', known: ['ssh-ed25519'], want: DEFAULTS },
    { name: 'DSA, which ssh2 can still check when asked', known: ['ssh-dss'], want: ['ssh-dss', ...DEFAULTS] },
    {
      name: 'types ssh2 cannot use, left out',
      known: ['sk-ssh-ed25519@openssh.com', 'ssh-ed25519-cert-v01@openssh.com'],
      want: DEFAULTS,
    },
  ])('$name', ({ known, want }) => {
    expect(hostKeyAlgorithms(known)).toEqual(want);
  });
});

describe('knownHostKeyAlgorithms', () => {
  const tmp = makeTempDir('hka');
  let ecdsa: GeneratedKey;
  let rsa: GeneratedKey;
  beforeAll(() => {
    ecdsa = generateKey(tmp.dir, 'ecdsa', 'ecdsa');
    rsa = generateKey(tmp.dir, 'rsa', 'rsa');
  });
  afterAll(() => tmp.remove());
  const pub = (k: GeneratedKey): string => k.pubLine.split(' ').slice(0, 2).join(' ');

  it("reads the hop's files, then the extra ones, for its HostName and port", async () => {
    const user = join(tmp.dir, 'user');
    const app = join(tmp.dir, 'app');
    writeFileSync(user, `other ${pub(rsa)}\n[10.0.0.5]:2200 ${pub(ecdsa)}\n`);
    writeFileSync(app, `[10.0.0.5]:2200 ${pub(rsa)}\n`);
    const hop = testHop({
      alias: 'n5',
      hostName: '10.0.0.5',
      port: 2200,
      knownHostsFiles: [join(tmp.dir, 'none'), user],
    });
    expect((await knownHostKeyAlgorithms(hop, [app])).slice(0, 4)).toEqual([
      'ecdsa-sha2-nistp256',
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
    ]);
    expect(await knownHostKeyAlgorithms({ ...hop, port: 22 }, [app])).toEqual(DEFAULTS);
  });
});

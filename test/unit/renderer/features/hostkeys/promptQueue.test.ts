import { describe, expect, it } from 'vitest';
import {
  addPrompt,
  formatHostPort,
  keyTypeLabel,
  mergePending,
  removePrompt,
} from '../../../../../renderer/src/features/hostkeys/promptQueue';
import { prompt } from '../../support/views';

const ids = (q: { promptId: string }[]): string[] => q.map((p) => p.promptId);

describe('the prompt queue', () => {
  it('appends prompts in the order they come', () => {
    expect(ids(addPrompt(addPrompt([], prompt('a')), prompt('b')))).toEqual(['a', 'b']);
  });

  it('replaces a repeated prompt in place instead of listing it twice', () => {
    const q = addPrompt([prompt('a'), prompt('b')], prompt('a', { host: 'node1' }));
    expect(ids(q)).toEqual(['a', 'b']);
    expect(q[0]?.host).toBe('node1');
  });

  it('removes a resolved prompt and leaves the others', () => {
    const before = [prompt('a'), prompt('b'), prompt('c')];
    expect(ids(removePrompt(before, 'b'))).toEqual(['a', 'c']);
    expect(ids(before)).toEqual(['a', 'b', 'c']);
    expect(ids(removePrompt(before, 'zzz'))).toEqual(['a', 'b', 'c']);
  });

  it('merges the pending list after what events brought, without doubles or resolved ones', () => {
    const q = mergePending([prompt('b')], [prompt('a'), prompt('b'), prompt('c')], new Set(['c']));
    expect(ids(q)).toEqual(['b', 'a']);
  });
});

describe('formatHostPort', () => {
  it.each([
    { host: '10.0.0.11', port: 22, want: '10.0.0.11:22' },
    { host: 'node1', port: 2222, want: 'node1:2222' },
    { host: 'fd00::11', port: 22, want: '[fd00::11]:22' },
  ])('writes $want', ({ host, port, want }) => expect(formatHostPort(host, port)).toBe(want));
});

describe('keyTypeLabel', () => {
  it.each([
    { keyType: 'ssh-ed25519', want: 'ED25519' },
    { keyType: 'ssh-rsa', want: 'RSA' },
    { keyType: 'rsa-sha2-512', want: 'RSA' },
    { keyType: 'ecdsa-sha2-nistp256', want: 'ECDSA' },
    { keyType: 'sk-ssh-ed25519@openssh.com', want: 'ED25519-SK' },
    { keyType: 'sk-ecdsa-sha2-nistp256@openssh.com', want: 'ECDSA-SK' },
  ])('names $keyType as OpenSSH does', ({ keyType, want }) => expect(keyTypeLabel(keyType)).toBe(want));
});

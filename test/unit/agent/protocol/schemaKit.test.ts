import { describe, expect, it } from 'vitest';
import { isCleanAbsolutePath } from '../../../../agent/src/protocol/schemaKit';

describe('isCleanAbsolutePath', () => {
  it.each(['/', '/tmp', '/home/alice/work', '/a/b.c/..d', '/x/.hidden', '/with space'])('accepts %j', (p) =>
    expect(isCleanAbsolutePath(p)).toBe(true),
  );
  it.each([
    '',
    'tmp',
    './tmp',
    '../etc',
    '/tmp/../etc',
    '/tmp/./x',
    '//etc',
    '/tmp/',
    '/tmp//x',
    '/..',
    '/.',
    '/tmp/\0x',
    '~',
  ])('refuses %j', (p) => expect(isCleanAbsolutePath(p)).toBe(false));
});

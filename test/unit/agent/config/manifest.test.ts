import { describe, expect, it } from 'vitest';
import {
  formatManifest,
  ManifestError,
  parseBackupManifest,
  parseStagedManifest,
} from '../../../../agent/src/config/manifest';

const SHA = 'a'.repeat(64);
const staged = (entries: unknown, more: object = {}) =>
  JSON.stringify({ applyId: 'apply-0001', at: 5, entries, ...more });

describe('parseStagedManifest', () => {
  const ok = [
    {
      name: 'a write, a new file and a removal',
      text: staged([
        { name: 'mosix.map', base: SHA, remove: false },
        { name: 'partners/east', base: null, remove: false },
        { name: 'mosip', base: SHA, remove: true },
      ]),
      files: ['mosix.map', 'partners/east', 'mosip'],
    },
  ];
  const bad = [
    { name: 'not JSON (a stage cut short mid-write)', text: '{"applyId":"apply-00' },
    { name: 'no entries', text: staged([]) },
    { name: 'a name outside /etc/mosix', text: staged([{ name: '../passwd', base: null, remove: false }]) },
    { name: 'an absolute path', text: staged([{ name: '/etc/passwd', base: null, remove: false }]) },
    { name: 'a nested partner path', text: staged([{ name: 'partners/a/b', base: null, remove: false }]) },
    { name: 'a base that is not a sha256', text: staged([{ name: 'mosip', base: 'abc', remove: false }]) },
    { name: 'a bad apply id', text: staged([{ name: 'mosip', base: null, remove: false }], { applyId: '../x' }) },
    { name: 'an unknown field', text: staged([{ name: 'mosip', base: null, remove: false, mode: 4095 }]) },
    {
      name: 'a file named twice',
      text: staged([
        { name: 'mosip', base: null, remove: false },
        { name: 'mosip', base: null, remove: true },
      ]),
    },
  ];
  it.each(ok)('reads $name', ({ text, files }) =>
    expect(parseStagedManifest(text).entries.map((e) => e.name)).toEqual(files),
  );
  it.each(bad)('refuses $name', ({ text }) => expect(() => parseStagedManifest(text)).toThrow(ManifestError));
  it('reads back what it writes', () => {
    const m = { applyId: 'apply-0002', at: 7, entries: [{ name: 'freeze.conf', base: null, remove: false }] };
    expect(parseStagedManifest(formatManifest(m))).toEqual(m);
  });
});

describe('parseBackupManifest', () => {
  const backup = (files: unknown, id = 'apply-0001') => JSON.stringify({ id, at: 1, files });
  it('reads present and absent files', () =>
    expect(
      parseBackupManifest(
        backup([
          { name: 'mosix.map', present: true },
          { name: 'partners/west', present: false },
        ]),
      ).files,
    ).toEqual([
      { name: 'mosix.map', present: true },
      { name: 'partners/west', present: false },
    ]));
  const bad = [
    { name: 'a traversal name', text: backup([{ name: 'partners/../../shadow', present: true }]) },
    { name: 'a missing present flag', text: backup([{ name: 'mosip' }]) },
    { name: 'an id with capitals', text: backup([], 'Apply-0001') },
    {
      name: 'a file named twice',
      text: backup([
        { name: 'mosip', present: true },
        { name: 'mosip', present: false },
      ]),
    },
  ];
  it.each(bad)('refuses $name', ({ text }) => expect(() => parseBackupManifest(text)).toThrow(ManifestError));
});

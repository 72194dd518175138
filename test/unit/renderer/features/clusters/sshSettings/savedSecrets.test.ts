import { describe, expect, it } from 'vitest';
import {
  type SavedAnswer,
  savedPlaceholder,
} from '../../../../../../renderer/src/features/clusters/sshSettings/savedSecrets';

const none = { passphrase: false, password: false };
const pw = { passphrase: false, password: true };

const cases: { name: string; saved: SavedAnswer | undefined; forNode: boolean; want: string }[] = [
  { name: 'not known yet', saved: undefined, forNode: false, want: 'unchanged' },
  { name: 'a cluster with a password', saved: { cluster: pw }, forNode: false, want: 'saved (empty keeps it)' },
  { name: 'a cluster without', saved: { cluster: none }, forNode: false, want: 'none saved' },
  {
    name: 'a node with its own',
    saved: { cluster: none, node: pw },
    forNode: true,
    want: 'its own is saved (empty keeps it)',
  },
  {
    name: "a node using the cluster's",
    saved: { cluster: pw, node: none },
    forNode: true,
    want: 'none of its own: the cluster’s is used',
  },
  { name: 'a node with none anywhere', saved: { cluster: none, node: none }, forNode: true, want: 'none saved' },
];

describe('savedPlaceholder', () => {
  it.each(cases)('$name', ({ saved, forNode, want }) => {
    expect(savedPlaceholder('password', saved, forNode)).toBe(want);
  });

  it('looks at the kind asked for', () => {
    expect(savedPlaceholder('passphrase', { cluster: pw }, false)).toBe('none saved');
  });
});

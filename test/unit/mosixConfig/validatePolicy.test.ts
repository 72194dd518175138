import { describe, it } from 'vitest';
import { expectOneIssue, type IssueRow, MAP } from './issueRows';

/** freeze.conf and queue.conf. */
const rows: IssueRow[] = [
  {
    name: 'a red mark under the blue mark',
    files: { ...MAP, 'freeze.conf': '/frz\n# classes\n\n1 0 3 4\n' },
    want: {
      file: 'freeze.conf',
      line: 4,
      severity: 'error',
      says: "freeze.conf line 4: class 1's red mark 3 is below its blue mark 4; freezing would start before unfreezing stops. Make red ≥ blue.",
    },
  },
  {
    name: 'min above max',
    files: { ...MAP, 'freeze.conf': '1 0 6 4 0 4 5 3 10\n' },
    want: { file: 'freeze.conf', line: 1, severity: 'error', says: "class 1's min 5 is above its max 3" },
  },
  {
    name: 'a time slice of zero',
    files: { ...MAP, 'freeze.conf': '1 0 6 4 0 4 0 -1 0\n' },
    want: { file: 'freeze.conf', line: 1, severity: 'error', says: 'time slice 0 is not a number of minutes above 0' },
  },
  {
    name: 'units neither 0 nor 1',
    files: { ...MAP, 'freeze.conf': '1 2 6 4\n' },
    want: { file: 'freeze.conf', line: 1, severity: 'error', says: 'units 2 is neither 0' },
  },
  {
    name: 'a share above 1',
    files: { ...MAP, 'freeze.conf': '/frz 1.5\n' },
    want: { file: 'freeze.conf', line: 1, severity: 'error', says: 'the share 1.5 of /frz is outside (0, 1]' },
  },
  {
    name: 'a share of 0',
    files: { ...MAP, 'freeze.conf': '/frz 0\n' },
    want: { file: 'freeze.conf', line: 1, severity: 'error', says: 'is outside (0, 1]' },
  },
  {
    name: 'a relative freeze directory',
    files: { ...MAP, 'freeze.conf': 'frz\n' },
    want: { file: 'freeze.conf', line: 1, severity: 'error', says: 'is not an absolute path' },
  },
  {
    name: 'a freeze directory missing on the node',
    files: { ...MAP, 'freeze.conf': '/frz\n' },
    facts: { hosts: {}, dirs: { '/frz': { exists: false } } },
    want: {
      file: 'freeze.conf',
      line: 1,
      severity: 'error',
      says: 'the freeze directory /frz does not exist on this node',
    },
  },
  {
    name: 'a duplicate class line',
    files: { ...MAP, 'freeze.conf': '1 0 6 4\n2 0 6 4\n1 0 8 4\n' },
    want: { file: 'freeze.conf', line: 3, severity: 'error', says: 'class 1 is defined again (first on line 1)' },
  },
  {
    name: 'a queue priority out of range',
    files: { ...MAP, 'queue.conf': 'priority 70000\n' },
    want: { file: 'queue.conf', line: 1, severity: 'error', says: 'the default priority 70000 is outside 0..65535' },
  },
  {
    name: 'a negative Z',
    files: { ...MAP, 'queue.conf': 'Z -2\n' },
    want: { file: 'queue.conf', line: 1, severity: 'error', says: "the Z rule's job count -2 is negative" },
  },
  {
    name: 'a negative N memory limit',
    files: { ...MAP, 'queue.conf': 'N 2 -5\n' },
    want: { file: 'queue.conf', line: 1, severity: 'error', says: "the N rule's memory limit -5 MB is negative" },
  },
  {
    name: 'a duplicate queue rule',
    files: { ...MAP, 'queue.conf': 'Z 1\nN 1\nZ 2\n' },
    want: { file: 'queue.conf', line: 3, severity: 'error', says: 'the Z rule is set again (first on line 1)' },
  },
];

describe('validateConfig: freeze and queue policy', () => {
  it.each(rows)('reports $name', expectOneIssue);
});

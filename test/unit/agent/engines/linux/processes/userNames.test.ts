import { describe, expect, it } from 'vitest';
import { UserNames } from '../../../../../../agent/src/engines/linux/processes/userNames';

const ROOT_ONLY = 'root:x:0:0:root:/root:/bin/bash\n';
const WITH_ALICE = `${ROOT_ONLY}alice:x:1000:1000::/home/alice:/bin/bash\n`;

/** A passwd "file" whose content the test changes, counting how often it is read. */
function fakePasswd(initial: string): { read: () => string; reads: () => number; set: (t: string) => void } {
  let text = initial;
  let reads = 0;
  return {
    read: () => {
      reads++;
      if (text === 'unreadable') throw new Error('EACCES');
      return text;
    },
    reads: () => reads,
    set: (t) => (text = t),
  };
}

describe('UserNames', () => {
  it('reads the file once for known uids', () => {
    const file = fakePasswd(WITH_ALICE);
    const users = new UserNames(() => {}, file.read);
    users.beginScan();
    expect([users.name(0), users.name(1000), users.name(0)]).toEqual(['root', 'alice', 'root']);
    users.beginScan();
    expect(users.name(1000)).toBe('alice');
    expect(file.reads()).toBe(1);
  });

  it('re-reads at most once per scan for unknown uids, and shows them as numbers', () => {
    const file = fakePasswd(ROOT_ONLY);
    const users = new UserNames(() => {}, file.read);
    users.beginScan();
    expect([users.name(0), users.name(1000), users.name(1001), users.name(1000)]).toEqual([
      'root',
      '1000',
      '1001',
      '1000',
    ]);
    expect(file.reads()).toBe(1);
    file.set(WITH_ALICE);
    users.beginScan();
    expect(users.name(1000)).toBe('alice');
    expect(users.name(1001)).toBe('1001');
    expect(file.reads()).toBe(2);
  });

  it('keeps the names it had when the file cannot be read, and says so once', () => {
    const file = fakePasswd(WITH_ALICE);
    const errors: unknown[] = [];
    const users = new UserNames((err) => errors.push(err), file.read);
    users.beginScan();
    expect(users.name(1000)).toBe('alice');
    file.set('unreadable');
    for (let scan = 0; scan < 3; scan++) {
      users.beginScan();
      expect([users.name(1000), users.name(2000)]).toEqual(['alice', '2000']);
    }
    expect(errors).toHaveLength(1);
  });
});

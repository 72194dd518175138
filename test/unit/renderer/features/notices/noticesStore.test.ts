import { beforeEach, describe, expect, it } from 'vitest';
import type { HubNotice } from '../../../../../electron/api';
import { useNoticesStore } from '../../../../../renderer/src/features/notices/noticesStore';
import { FakeHub, piniaWith } from '../../support/fakeHub';

let hub: FakeHub;
const notice = (noticeId: string, text = `notice ${noticeId}`): HubNotice => ({
  noticeId,
  level: 'warning',
  text,
  at: 1000,
});

beforeEach(() => {
  hub = new FakeHub()
    .handle('notices.list', () => [notice('a')])
    .handle('notices.dismiss', () => ({ dismissed: true }));
  piniaWith(hub);
});

describe('the notices store', () => {
  it('loads the notices and follows notices.changed', async () => {
    const store = useNoticesStore();
    await store.load();
    expect(store.notices).toEqual([notice('a')]);
    hub.emit('notices.changed', { notices: [notice('a'), notice('b')] });
    expect(store.notices.map((n) => n.noticeId)).toEqual(['a', 'b']);
  });

  it('keeps an event that came while the list was on its way over the older reply', async () => {
    let answer: (v: HubNotice[]) => void = () => undefined;
    hub.handle('notices.list', () => new Promise((r) => (answer = r)));
    const store = useNoticesStore();
    const loading = store.load();
    hub.emit('notices.changed', { notices: [] });
    answer([notice('old')]);
    await loading;
    expect(store.notices).toEqual([]);
  });

  it('dismisses through the hub and drops the notice at once', async () => {
    const store = useNoticesStore();
    await store.load();
    await store.dismiss('a');
    expect(hub.callsOf('notices.dismiss')).toEqual([{ noticeId: 'a' }]);
    expect(store.notices).toEqual([]);
  });

  it('keeps the notice and says why when the dismiss fails', async () => {
    hub.handle('notices.dismiss', () => Promise.reject(new Error('hub gone')));
    const store = useNoticesStore();
    await store.load();
    await store.dismiss('a');
    expect(store.notices).toEqual([notice('a')]);
    expect(store.error).toBe('Could not dismiss the notice: hub gone');
  });

  it('says why when the list cannot be read', async () => {
    hub.handle('notices.list', () => Promise.reject(new Error('no hub')));
    const store = useNoticesStore();
    await store.load();
    expect(store.error).toBe('no hub');
  });
});

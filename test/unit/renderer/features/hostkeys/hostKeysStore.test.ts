import { beforeEach, describe, expect, it } from 'vitest';
import type { HostKeyPrompt } from '../../../../../electron/api';
import { useHostKeysStore } from '../../../../../renderer/src/features/hostkeys/hostKeysStore';
import { HubRequestError } from '../../../../../renderer/src/hub/hubRequestError';
import { FakeHub, piniaWith } from '../../support/fakeHub';
import { prompt } from '../../support/views';

let hub: FakeHub;
const ids = (ps: HostKeyPrompt[]): string[] => ps.map((p) => p.promptId);

beforeEach(() => {
  hub = new FakeHub().handle('hostkeys.pending', () => []).handle('hostkeys.answer', () => ({ ok: true }));
  piniaWith(hub);
});

describe('the host keys store', () => {
  it('shows prompts from events and drops them when resolved', () => {
    const store = useHostKeysStore();
    expect(store.visible).toBe(false);
    hub.emit('hostkey.prompt', prompt('a'));
    hub.emit('hostkey.prompt', prompt('b'));
    expect(ids(store.prompts)).toEqual(['a', 'b']);
    expect(store.visible).toBe(true);
    hub.emit('hostkey.resolved', { promptId: 'a' });
    hub.emit('hostkey.resolved', { promptId: 'b' });
    expect(store.prompts).toEqual([]);
    expect(store.visible).toBe(false);
  });

  it('adds the prompts already waiting at start, without the ones resolved meanwhile', async () => {
    let answer: (v: HostKeyPrompt[]) => void = () => undefined;
    hub.handle('hostkeys.pending', () => new Promise((r) => (answer = r)));
    const store = useHostKeysStore();
    const loading = store.load();
    hub.emit('hostkey.prompt', prompt('c'));
    hub.emit('hostkey.resolved', { promptId: 'a' });
    answer([prompt('a'), prompt('b'), prompt('c')]);
    await loading;
    expect(ids(store.prompts)).toEqual(['c', 'b']);
  });

  it('ignores a prompt event for a prompt already resolved', () => {
    const store = useHostKeysStore();
    hub.emit('hostkey.resolved', { promptId: 'a' });
    hub.emit('hostkey.prompt', prompt('a'));
    expect(store.prompts).toEqual([]);
  });

  it('answers one prompt and drops it at once', async () => {
    const store = useHostKeysStore();
    hub.emit('hostkey.prompt', prompt('a'));
    hub.emit('hostkey.prompt', prompt('b'));
    await store.answer('b', false);
    expect(hub.callsOf('hostkeys.answer')).toEqual([{ promptId: 'b', accept: false }]);
    expect(ids(store.prompts)).toEqual(['a']);
  });

  it('accepts all prompts', async () => {
    const store = useHostKeysStore();
    for (const id of ['a', 'b', 'c']) hub.emit('hostkey.prompt', prompt(id));
    await store.acceptAll();
    expect(hub.callsOf('hostkeys.answer')).toEqual([
      { promptId: 'a', accept: true },
      { promptId: 'b', accept: true },
      { promptId: 'c', accept: true },
    ]);
    expect(store.prompts).toEqual([]);
  });

  it('keeps a prompt whose answer failed, with the reason, and marks it busy meanwhile', async () => {
    let fail: (e: Error) => void = () => undefined;
    hub.handle('hostkeys.answer', () => new Promise((_r, reject) => (fail = reject)));
    const store = useHostKeysStore();
    hub.emit('hostkey.prompt', prompt('a'));
    const answering = store.answer('a', true);
    expect(store.isBusy('a')).toBe(true);
    expect(store.anyBusy).toBe(true);
    fail(new HubRequestError({ code: 'internal', message: 'Could not write known hosts.' }));
    await answering;
    expect(ids(store.prompts)).toEqual(['a']);
    expect(store.errorOf('a')).toBe('Could not write known hosts.');
    expect(store.isBusy('a')).toBe(false);
  });

  it('drops a prompt the hub no longer knows (answered elsewhere)', async () => {
    hub.handle('hostkeys.answer', () => {
      throw new HubRequestError({ code: 'not-found', message: 'No such prompt.' });
    });
    const store = useHostKeysStore();
    hub.emit('hostkey.prompt', prompt('a'));
    await store.answer('a', true);
    expect(store.prompts).toEqual([]);
    expect(store.errorOf('a')).toBeUndefined();
  });

  it('hides on "decide later" and shows again when a new key is asked', () => {
    const store = useHostKeysStore();
    hub.emit('hostkey.prompt', prompt('a'));
    store.dismiss();
    expect(store.visible).toBe(false);
    hub.emit('hostkey.prompt', prompt('b'));
    expect(store.visible).toBe(true);
  });

  it('says why the waiting keys could not be read', async () => {
    hub.handle('hostkeys.pending', () => {
      throw new Error('Unknown hub method "hostkeys.pending"');
    });
    const store = useHostKeysStore();
    await store.load();
    expect(store.loadError).toContain('hostkeys.pending');
  });
});

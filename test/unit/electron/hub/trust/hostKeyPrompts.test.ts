import { describe, expect, it, vi } from 'vitest';
import type { HostKeyPrompt } from '../../../../../electron/api';
import { HubError } from '../../../../../electron/hub/errors';
import { HostKeyPrompts, type PromptWaiter } from '../../../../../electron/hub/trust/hostKeyPrompts';

const KEY_A = Buffer.from('key-a');
const KEY_B = Buffer.from('key-b');

/** What a gate asks for one node: host `host`, port `port`. */
function question(nodeId: string, host = 'node1', port = 22, clusterId = 'c1'): Omit<HostKeyPrompt, 'promptId'> {
  return { clusterId, nodeId, host, port, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' };
}

/** Prompts with recorded events; `order` logs saves and answers as they happen. */
function setup(save: (p: HostKeyPrompt, key: Buffer) => Promise<void> = async () => undefined) {
  const order: string[] = [];
  const asked: HostKeyPrompt[] = [];
  const resolved: string[] = [];
  const saveSpy = vi.fn(async (p: HostKeyPrompt, key: Buffer) => {
    order.push(`save ${p.host}:${p.port}`);
    await save(p, key);
  });
  const prompts = new HostKeyPrompts(
    { prompt: (p) => void asked.push(p), resolved: (id) => void resolved.push(id) },
    saveSpy,
  );
  const waiter = (nodeId: string, clusterId = 'c1'): PromptWaiter & { answers: boolean[] } => {
    const answers: boolean[] = [];
    return {
      clusterId,
      nodeId,
      answers,
      onAnswer: (accept) => {
        answers.push(accept);
        order.push(`answer ${clusterId}/${nodeId}`);
      },
    };
  };
  return { prompts, asked, resolved, order, save: saveSpy, waiter };
}

describe('HostKeyPrompts', () => {
  it('asks once per host, port and key however many nodes offer it', () => {
    const t = setup();
    for (const n of ['n1', 'n2', 'n3']) t.prompts.ask(question(n, 'gateway'), KEY_A, t.waiter(n));
    t.prompts.ask(question('n1', 'gateway'), KEY_A, t.waiter('n1')); // the same node again
    t.prompts.ask(question('n1', 'gateway', 22, 'c2'), KEY_A, t.waiter('n1', 'c2')); // another cluster
    expect(t.asked).toHaveLength(1);
    expect(t.prompts.list()).toEqual([{ ...question('n1', 'gateway'), promptId: t.asked[0]?.promptId }]);
  });

  it.each([
    { name: 'another host', second: () => [question('n2', 'node2'), KEY_A] as const },
    { name: 'another port', second: () => [question('n2', 'node1', 2222), KEY_A] as const },
    { name: 'another key', second: () => [question('n2', 'node1'), KEY_B] as const },
  ])('asks again for $name', ({ second }) => {
    const t = setup();
    t.prompts.ask(question('n1'), KEY_A, t.waiter('n1'));
    const [q, key] = second();
    t.prompts.ask(q, key, t.waiter('n2'));
    expect(t.asked).toHaveLength(2);
    expect(new Set(t.asked.map((p) => p.promptId)).size).toBe(2);
    expect(t.prompts.list()).toHaveLength(2);
  });

  it('accepting saves the key first, then tells every waiter once', async () => {
    const t = setup();
    const waiters = ['n1', 'n2'].map((n) => t.waiter(n));
    const again = t.waiter('n1'); // n1 asks again (a retry): only its latest waiter counts
    t.prompts.ask(question('n1'), KEY_A, waiters[0] as PromptWaiter);
    t.prompts.ask(question('n2'), KEY_A, waiters[1] as PromptWaiter);
    t.prompts.ask(question('n1'), KEY_A, again);
    const id = t.asked[0]?.promptId ?? '';
    await t.prompts.answer(id, true);
    expect(t.save).toHaveBeenCalledTimes(1);
    expect(t.save.mock.calls[0]?.[0]).toMatchObject({ promptId: id, host: 'node1', port: 22 });
    expect(t.save.mock.calls[0]?.[1]).toEqual(KEY_A);
    expect(t.order).toEqual(['save node1:22', 'answer c1/n2', 'answer c1/n1']);
    expect(waiters[0]?.answers).toEqual([]);
    expect([waiters[1]?.answers, again.answers]).toEqual([[true], [true]]);
    expect(t.resolved).toEqual([id]);
    expect(t.prompts.list()).toEqual([]);
  });

  it('refusing does not save, and tells the waiters no', async () => {
    const t = setup();
    const w = t.waiter('n1');
    t.prompts.ask(question('n1'), KEY_A, w);
    const id = t.asked[0]?.promptId ?? '';
    await t.prompts.answer(id, false);
    expect(t.save).not.toHaveBeenCalled();
    expect(w.answers).toEqual([false]);
    expect(t.resolved).toEqual([id]);
    expect(t.prompts.list()).toEqual([]);
  });

  async function notFound(answer: Promise<void>): Promise<void> {
    const err: unknown = await answer.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubError);
    expect(err).toMatchObject({ code: 'not-found' });
  }

  it('answers an unknown promptId with HubError not-found', async () => {
    const t = setup();
    const w = t.waiter('n1');
    t.prompts.ask(question('n1'), KEY_A, w);
    await notFound(t.prompts.answer('no-such-prompt', true));
    expect(t.save).not.toHaveBeenCalled();
    expect(w.answers).toEqual([]);
    expect(t.prompts.list()).toHaveLength(1);
  });

  it('answers a prompt already answered with HubError not-found', async () => {
    const t = setup();
    const w = t.waiter('n1');
    t.prompts.ask(question('n1'), KEY_A, w);
    const id = t.asked[0]?.promptId ?? '';
    await t.prompts.answer(id, false);
    await notFound(t.prompts.answer(id, true));
    expect(t.save).not.toHaveBeenCalled();
    expect(w.answers).toEqual([false]);
  });

  it('takes one answer while the key is being saved (two windows, a double click)', async () => {
    let finishSave = (): void => undefined;
    const t = setup(() => new Promise<void>((resolve) => (finishSave = resolve)));
    const w = t.waiter('n1');
    t.prompts.ask(question('n1'), KEY_A, w);
    const id = t.asked[0]?.promptId ?? '';
    const first = t.prompts.answer(id, true);
    await notFound(t.prompts.answer(id, false));
    await notFound(t.prompts.answer(id, true));
    finishSave();
    await first;
    expect(t.save).toHaveBeenCalledTimes(1);
    expect(w.answers).toEqual([true]);
    expect(t.resolved).toEqual([id]);
  });

  it('keeps the prompt open when saving fails, so the user can answer again', async () => {
    let fail = true;
    const t = setup(async () => {
      if (fail) throw new Error('EROFS: read-only file system');
    });
    const w = t.waiter('n1');
    t.prompts.ask(question('n1'), KEY_A, w);
    const id = t.asked[0]?.promptId ?? '';
    await expect(t.prompts.answer(id, true)).rejects.toThrow('EROFS');
    expect(w.answers).toEqual([]);
    expect(t.resolved).toEqual([]);
    expect(t.prompts.list().map((p) => p.promptId)).toEqual([id]);
    fail = false;
    await t.prompts.answer(id, true);
    expect(w.answers).toEqual([true]);
    expect(t.resolved).toEqual([id]);
  });

  it('forgetCluster drops that cluster`s waiters and resolves prompts nobody waits on', async () => {
    const t = setup();
    const shared = { c1: t.waiter('n1', 'c1'), c2: t.waiter('n1', 'c2') };
    t.prompts.ask(question('n1', 'gateway', 22, 'c1'), KEY_A, shared.c1);
    t.prompts.ask(question('n1', 'gateway', 22, 'c2'), KEY_A, shared.c2);
    const own = t.waiter('n2', 'c1');
    t.prompts.ask(question('n2', 'node2', 22, 'c1'), KEY_B, own);
    const [sharedId, ownId] = t.asked.map((p) => p.promptId);
    t.prompts.forgetCluster('c1');
    expect(t.resolved).toEqual([ownId]);
    expect(t.prompts.list().map((p) => p.promptId)).toEqual([sharedId]);
    await t.prompts.answer(sharedId ?? '', true);
    expect(shared.c2.answers).toEqual([true]);
    expect(shared.c1.answers).toEqual([]);
    expect(own.answers).toEqual([]);
    t.prompts.forgetCluster('c9'); // nothing of it: nothing happens
    expect(t.resolved).toEqual([ownId, sharedId]);
  });

  it('forgetNode drops only that node`s waiters', async () => {
    const t = setup();
    const n1 = t.waiter('n1', 'c1');
    const n2 = t.waiter('n2', 'c1');
    t.prompts.ask(question('n1', 'gateway', 22, 'c1'), KEY_A, n1);
    t.prompts.ask(question('n2', 'gateway', 22, 'c1'), KEY_A, n2);
    const own = t.waiter('n1', 'c1');
    t.prompts.ask(question('n1', 'node1', 22, 'c1'), KEY_B, own);
    const [sharedId, ownId] = t.asked.map((p) => p.promptId);
    t.prompts.forgetNode('c1', 'n1');
    expect(t.resolved).toEqual([ownId]);
    await t.prompts.answer(sharedId ?? '', true);
    expect(n2.answers).toEqual([true]);
    expect(n1.answers).toEqual([]);
  });

  it('list() hands out copies', () => {
    const t = setup();
    t.prompts.ask(question('n1'), KEY_A, t.waiter('n1'));
    const [copy] = t.prompts.list();
    if (copy) copy.host = 'evil';
    expect(t.prompts.list()[0]?.host).toBe('node1');
  });
});

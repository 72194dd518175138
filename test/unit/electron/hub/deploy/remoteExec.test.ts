import { EventEmitter } from 'node:events';
import type { Client } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { execBytes, execCapture } from '../../../../../electron/hub/deploy/remoteExec';
import { settle } from '../agents/fakeAgent';

interface FakeChannel extends EventEmitter {
  stderr: EventEmitter;
  input: Buffer[];
  ended: boolean;
  closed: boolean;
}

/** A client whose one exec channel the test drives by hand. */
function fakeClient() {
  let channel: FakeChannel | undefined;
  const client = {
    exec(_command: string, cb: (err: Error | undefined, ch: unknown) => void) {
      const ch = Object.assign(new EventEmitter(), {
        stderr: new EventEmitter(),
        input: [] as Buffer[],
        ended: false,
        closed: false,
        end(data?: Buffer) {
          if (data) ch.input.push(data);
          ch.ended = true;
        },
        close() {
          ch.closed = true;
        },
      });
      channel = ch;
      cb(undefined, ch);
      return client;
    },
  } as unknown as Client;
  const ch = (): FakeChannel => {
    if (!channel) throw new Error('no channel');
    return channel;
  };
  const finish = (code: number): void => {
    ch().emit('exit', code);
    ch().emit('close');
  };
  return { client, ch, finish };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('execBytes', () => {
  it('sends stdin, closes it, and gives stdout as bytes with the status', async () => {
    const f = fakeClient();
    const done = execBytes(f.client, 'cmd', { stdin: Buffer.from([0, 1, 2]) });
    expect(Buffer.concat(f.ch().input)).toEqual(Buffer.from([0, 1, 2]));
    expect(f.ch().ended).toBe(true);
    f.ch().emit('data', Buffer.from([0xff, 0x00]));
    f.ch().emit('data', Buffer.from([0x80]));
    f.ch().stderr.emit('data', Buffer.from('warn\n'));
    f.finish(3);
    expect(await done).toEqual({
      stdout: Buffer.from([0xff, 0x00, 0x80]),
      stderr: 'warn\n',
      code: 3,
      truncated: false,
    });
  });

  it('closes stdin at once when there is none', async () => {
    const f = fakeClient();
    const done = execBytes(f.client, 'cmd');
    expect(f.ch().ended).toBe(true);
    f.finish(0);
    expect((await done).code).toBe(0);
  });

  it('keeps at most maxBytes and says it dropped the rest', async () => {
    const f = fakeClient();
    const done = execBytes(f.client, 'cmd', { maxBytes: 4 });
    f.ch().emit('data', Buffer.from('abc'));
    f.ch().emit('data', Buffer.from('defg'));
    f.finish(0);
    expect(await done).toMatchObject({ stdout: Buffer.from('abcd'), truncated: true });
  });

  it('gives up after timeoutMs, closes the channel and names the script, not the wrapper', async () => {
    const f = fakeClient();
    const done = settle(execBytes(f.client, "exec /bin/sh -c 'cat > x'", { timeoutMs: 2000 }));
    await vi.advanceTimersByTimeAsync(1999);
    expect(f.ch().closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.ch().closed).toBe(true);
    const result = await done;
    expect(result.ok).toBe(false);
    expect(String((result as { error: unknown }).error)).toContain('"cat" did not finish within 2 s');
  });

  it('execCapture gives text', async () => {
    const f = fakeClient();
    const done = execCapture(f.client, 'cmd');
    f.ch().emit('data', Buffer.from('Linux x86_64\n'));
    f.finish(0);
    expect(await done).toEqual({ stdout: 'Linux x86_64\n', stderr: '', code: 0 });
  });
});

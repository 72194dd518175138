import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubNotice } from '../../../../electron/api';
import { NoticeBoard } from '../../../../electron/hub/notices';

function board(): { notices: NoticeBoard; announced: HubNotice[][] } {
  const announced: HubNotice[][] = [];
  return { notices: new NoticeBoard((list) => announced.push(list)), announced };
}

describe('NoticeBoard', () => {
  it('raises, lists and announces the whole list on every change', () => {
    const { notices, announced } = board();
    const a = notices.raise('warning', 'clusters.json was damaged.', 1000);
    const b = notices.raise('error', 'Saved passwords cannot be read.', 2000);
    expect(notices.list()).toEqual([a, b]);
    expect(announced).toEqual([[a], [a, b]]);
    expect(a).toEqual({ noticeId: expect.any(String), level: 'warning', text: 'clusters.json was damaged.', at: 1000 });
  });

  it('raises the same text once, moved to the end with the new time', () => {
    const { notices } = board();
    const a = notices.raise('warning', 'same', 1000);
    notices.raise('warning', 'other', 1500);
    const again = notices.raise('warning', 'same', 2000);
    expect(again.noticeId).toBe(a.noticeId);
    expect(notices.list().map((n) => [n.text, n.at])).toEqual([
      ['other', 1500],
      ['same', 2000],
    ]);
  });

  it('dismisses by id, once, and says whether it did', () => {
    const { notices, announced } = board();
    const a = notices.raise('warning', 'x');
    expect(notices.dismiss(a.noticeId)).toBe(true);
    expect(notices.dismiss(a.noticeId)).toBe(false);
    expect(notices.list()).toEqual([]);
    expect(announced.at(-1)).toEqual([]);
    expect(announced).toHaveLength(2);
  });

  it('keeps the newest 20', () => {
    const { notices } = board();
    for (let i = 0; i < 25; i++) notices.raise('warning', `n${i}`);
    expect(notices.list().map((n) => n.text)).toEqual(Array.from({ length: 20 }, (_, i) => `n${i + 5}`));
  });

  it('gives copies: a caller cannot change what is kept', () => {
    const { notices } = board();
    notices.raise('warning', 'x');
    (notices.list()[0] as HubNotice).text = 'changed';
    expect(notices.list()[0]?.text).toBe('x');
  });
});

describe('NoticeBoard with a file', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const fileIn = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'mosdesk-notices-'));
    dirs.push(dir);
    return join(dir, 'notices.json');
  };
  const persistent = (path: string, warned: string[] = []): NoticeBoard =>
    new NoticeBoard(() => undefined, { path, warn: (m) => warned.push(m) });

  it('keeps notices until dismissed, across a restart', async () => {
    const path = fileIn();
    const first = persistent(path);
    await first.load();
    const a = first.raise('warning', 'clusters.json was damaged.', 1000);
    first.raise('error', 'second', 2000);
    await first.flushed();
    const again = persistent(path);
    await again.load();
    expect(again.list().map((n) => [n.noticeId, n.text])).toEqual([
      [a.noticeId, 'clusters.json was damaged.'],
      [expect.any(String), 'second'],
    ]);
    again.dismiss(a.noticeId);
    await again.flushed();
    const third = persistent(path);
    await third.load();
    expect(third.list().map((n) => n.text)).toEqual(['second']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ version: 1, notices: [{ text: 'second' }] });
  });

  it('puts notices raised before load after the kept ones, once each', async () => {
    const path = fileIn();
    const first = persistent(path);
    first.raise('warning', 'kept', 1000);
    await first.flushed();
    const again = persistent(path);
    again.raise('warning', 'kept', 3000);
    again.raise('warning', 'new', 3000);
    await again.load();
    expect(again.list().map((n) => n.text)).toEqual(['kept', 'new']);
  });

  it('moves a damaged file aside and says so in a notice', async () => {
    const path = fileIn();
    writeFileSync(path, '{"version":1,"notices":[{"noticeId":');
    const board = persistent(path);
    await board.load();
    expect(board.list()).toHaveLength(1);
    expect(board.list()[0]?.text).toMatch(/notices\.json was damaged .* moved aside to notices\.json\.corrupt-/);
    await board.flushed();
    expect(readdirSync(join(path, '..')).sort()).toEqual([
      'notices.json',
      expect.stringMatching(/^notices\.json\.corrupt-/) as unknown as string,
    ]);
  });
});

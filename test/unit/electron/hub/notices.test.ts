import { describe, expect, it } from 'vitest';
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

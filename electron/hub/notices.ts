import { randomUUID } from 'node:crypto';
import type { HubNotice } from '../api';

/** More than this and the oldest go: notices are for what needs a person, not a log. */
const MAX_NOTICES = 20;

/**
 * The hub's notices: raised once (the same text again only moves it to now), kept until a
 * window dismisses them, and announced whole on every change.
 */
export class NoticeBoard {
  private notices: HubNotice[] = [];

  constructor(private readonly onChange: (notices: HubNotice[]) => void) {}

  raise(level: HubNotice['level'], text: string, now = Date.now()): HubNotice {
    const same = this.notices.find((n) => n.level === level && n.text === text);
    const notice: HubNotice = same ? { ...same, at: now } : { noticeId: randomUUID(), level, text, at: now };
    this.notices = [...this.notices.filter((n) => n !== same), notice].slice(-MAX_NOTICES);
    this.onChange(this.list());
    return notice;
  }

  list(): HubNotice[] {
    return this.notices.map((n) => ({ ...n }));
  }

  dismiss(noticeId: string): boolean {
    const before = this.notices.length;
    this.notices = this.notices.filter((n) => n.noticeId !== noticeId);
    if (this.notices.length === before) return false;
    this.onChange(this.list());
    return true;
  }
}

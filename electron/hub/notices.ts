import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HubNotice } from '../api';
import { JsonFileError, readJsonFile, writeJsonFileAtomic } from './store/jsonFile';
import { createSerialQueue } from './store/serialQueue';

/** More than this and the oldest go: notices are for what needs a person, not a log. */
const MAX_NOTICES = 20;

const fileSchema = z.strictObject({
  version: z.literal(1),
  notices: z
    .array(
      z.strictObject({
        noticeId: z.string().min(1).max(100),
        level: z.enum(['warning', 'error']),
        text: z.string().min(1).max(4000),
        at: z.number().int().nonnegative(),
      }),
    )
    .max(MAX_NOTICES),
});

/**
 * The hub's notices: raised once (the same text again only moves it to now), kept until a
 * window dismisses them, and announced whole on every change. Given a file, they are kept
 * there too, so a notice nobody read before mosdesk stopped is still there at the next start.
 */
export class NoticeBoard {
  private notices: HubNotice[] = [];
  private readonly serial = createSerialQueue();

  constructor(
    private readonly onChange: (notices: HubNotice[]) => void,
    private readonly file?: { path: string; warn: (message: string, err?: unknown) => void },
  ) {}

  /** Reads the notices kept from before (raised meanwhile ones stay after them). */
  async load(): Promise<void> {
    if (!this.file) return;
    try {
      const kept = (await readJsonFile(this.file.path, fileSchema))?.notices ?? [];
      const raised = this.notices.filter((n) => !kept.some((k) => k.text === n.text && k.level === n.level));
      this.notices = [...kept, ...raised].slice(-MAX_NOTICES);
      this.onChange(this.list());
    } catch (err) {
      // A damaged file was moved aside: say so, as a notice.
      if (err instanceof JsonFileError) this.raise('warning', err.message);
      else this.file.warn('the saved notices could not be read', err);
    }
  }

  raise(level: HubNotice['level'], text: string, now = Date.now()): HubNotice {
    const same = this.notices.find((n) => n.level === level && n.text === text);
    const notice: HubNotice = same ? { ...same, at: now } : { noticeId: randomUUID(), level, text, at: now };
    this.notices = [...this.notices.filter((n) => n !== same), notice].slice(-MAX_NOTICES);
    this.changed();
    return notice;
  }

  list(): HubNotice[] {
    return this.notices.map((n) => ({ ...n }));
  }

  dismiss(noticeId: string): boolean {
    const before = this.notices.length;
    this.notices = this.notices.filter((n) => n.noticeId !== noticeId);
    if (this.notices.length === before) return false;
    this.changed();
    return true;
  }

  /** Resolves once every change so far is on disk (for tests and for closing). */
  flushed(): Promise<void> {
    return this.serial(async () => undefined);
  }

  private changed(): void {
    this.onChange(this.list());
    const file = this.file;
    if (!file) return;
    const snapshot = { version: 1, notices: this.list() };
    void this.serial(() => writeJsonFileAtomic(file.path, snapshot)).catch((err: unknown) =>
      file.warn('the notices could not be saved', err),
    );
  }
}

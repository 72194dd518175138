import { z } from 'zod';
import type { TaskRecord } from '../../api';
import { applyNodePhaseSchema } from '../api/schemas/config';
import { taskActionSchema, taskTargetSchema } from '../api/schemas/tasks';
import { messageOf } from '../errors';
import { JsonFileError, readJsonFile, writeJsonFileAtomic } from '../store/jsonFile';
import { createSerialQueue } from '../store/serialQueue';

/** The record of what was done: the newest this many ended tasks. */
export const MAX_RECORDED_TASKS = 1000;

const text = z.string().max(10_000);
const time = z.number().int().nonnegative();

const configureAction = z.strictObject({
  kind: z.literal('configure'),
  applyId: z.string().min(1).max(200),
  rollbackOf: z.string().min(1).max(200).optional(),
});
const progress = z.strictObject({
  nodeId: z.string().min(1).max(200),
  nodeName: text,
  phase: applyNodePhaseSchema,
  text,
});

const recordSchema: z.ZodType<TaskRecord> = z.strictObject({
  id: z.string().min(1).max(200),
  clusterId: z.string().min(1).max(200),
  nodeId: z.string().min(1).max(200),
  nodeName: text,
  action: z.union([taskActionSchema, configureAction]),
  target: z.union([taskTargetSchema, z.strictObject({ files: z.array(z.string().max(200)).max(1000) })]),
  progress: z.array(progress).max(10_000).optional(),
  command: text.optional(),
  // Only ended tasks are kept: one running when mosdesk stopped was ended by its close.
  state: z.enum(['done', 'declined', 'failed', 'timed-out']),
  outcome: text.optional(),
  log: z.array(z.strictObject({ at: time, text })).max(1000),
  by: text,
  createdAt: time,
  startedAt: time.optional(),
  endedAt: time.optional(),
  seen: z.boolean(),
});

const fileSchema = z.strictObject({ version: z.literal(1), tasks: z.array(recordSchema).max(MAX_RECORDED_TASKS) });

export interface TaskRecordFile {
  path: string;
  warn(message: string, err?: unknown): void;
  /** Says something the user should know (a damaged file moved aside); the log when absent. */
  notice?(text: string): void;
}

const copy = (task: TaskRecord): TaskRecord => structuredClone(task);

/**
 * Ended tasks, oldest first, the newest MAX_RECORDED_TASKS of them; given a file, kept there
 * too (written atomically, one write at a time, each with everything so far).
 */
export class TaskRecordStore {
  private ended: TaskRecord[] = [];
  private readonly serial = createSerialQueue();
  private writeQueued = false;
  /** False when the file could not be read or moved aside: writing would destroy what it holds. */
  private writable = true;

  constructor(private readonly file?: TaskRecordFile) {}

  /** Reads the record kept from before; tasks ended meanwhile stay after it. */
  async load(): Promise<void> {
    const file = this.file;
    if (!file) return;
    try {
      const kept = (await readJsonFile(file.path, fileSchema))?.tasks ?? [];
      const known = new Set(kept.map((t) => t.id));
      this.ended = [...kept, ...this.ended.filter((t) => !known.has(t.id))].slice(-MAX_RECORDED_TASKS);
    } catch (err) {
      // A damaged file was moved aside, so the next write cannot destroy what it held.
      if (!(err instanceof JsonFileError && err.movedTo !== undefined)) this.writable = false;
      const why = err instanceof JsonFileError ? err.message : `${file.path} could not be read (${messageOf(err)}).`;
      const text = this.writable ? why : `${why} Ended tasks are kept until mosdesk closes, not in ${file.path}.`;
      if (file.notice) file.notice(text);
      else file.warn(text, err);
    }
  }

  add(task: TaskRecord): void {
    this.ended = [...this.ended.filter((t) => t.id !== task.id), copy(task)].slice(-MAX_RECORDED_TASKS);
    this.changed();
  }

  /** Marks these ended tasks seen; returns the ones that changed. */
  markSeen(taskIds: readonly string[]): TaskRecord[] {
    const ids = new Set(taskIds);
    const changed = this.ended.filter((t) => ids.has(t.id) && !t.seen);
    for (const task of changed) task.seen = true;
    if (changed.length > 0) this.changed();
    return changed.map(copy);
  }

  /** Newest first, at most `limit`. */
  list(limit = MAX_RECORDED_TASKS): TaskRecord[] {
    return this.ended.slice(-limit).reverse().map(copy);
  }

  get size(): number {
    return this.ended.length;
  }

  /** Resolves once every change so far is on disk. */
  flushed(): Promise<void> {
    return this.serial(async () => undefined);
  }

  private changed(): void {
    const file = this.file;
    if (!file || this.writeQueued || !this.writable) return;
    // One write waiting is enough: it takes whatever the record holds when its turn comes.
    this.writeQueued = true;
    void this.serial(async () => {
      this.writeQueued = false;
      await writeJsonFileAtomic(file.path, { version: 1, tasks: this.ended });
    }).catch((err: unknown) => file.warn('the record of tasks could not be saved', err));
  }
}

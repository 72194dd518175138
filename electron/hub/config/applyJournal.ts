import { z } from 'zod';
import { APPLY_ID, CONFIG_FILE_NAME, MAX_CONFIG_FILE_BYTES } from '../../../agent/src/protocol/configTypes';
import type { ApplyState, ConfigApply } from '../../api';
import { applyNodePhaseSchema } from '../api/schemas/config';
import { JsonFileError, readJsonFile, writeJsonFileAtomic } from '../store/jsonFile';
import { createSerialQueue } from '../store/serialQueue';

/** Ended applies kept for `config.applies`; unfinished ones are always kept. */
export const MAX_ENDED_APPLIES = 100;

export const ENDED_STATES: ReadonlySet<ApplyState> = new Set(['done', 'declined', 'failed']);
export const isEnded = (a: ConfigApply): boolean => ENDED_STATES.has(a.state);

const id = z.string().min(1).max(200);
const text = z.string().max(10_000);
const time = z.number().int().nonnegative();
const fileName = z.string().regex(CONFIG_FILE_NAME);
const sha = z.string().regex(/^[0-9a-f]{64}$/);
const fileState = z.union([
  z.strictObject({
    name: fileName,
    present: z.literal(true),
    text: z.string().max(MAX_CONFIG_FILE_BYTES),
    sha256: sha,
    mtimeMs: z.number(),
  }),
  z.strictObject({ name: fileName, present: z.literal(false) }),
]);
const issue = z.strictObject({
  file: z.string().max(200),
  line: z.number().int().positive().optional(),
  severity: z.enum(['error', 'warning']),
  message: text,
});

const nodeSchema = z.strictObject({
  nodeId: id,
  nodeName: text,
  files: z.array(fileName).max(64),
  phase: applyNodePhaseSchema,
  text,
  conflicts: z
    .array(z.strictObject({ name: fileName, base: sha.nullable(), now: fileState }))
    .max(64)
    .optional(),
  problems: z.array(issue).max(1000).optional(),
  issues: z.array(issue).max(1000).optional(),
  now: z.array(fileState).max(64).optional(),
  at: time,
});

const applySchema: z.ZodType<ConfigApply> = z.strictObject({
  applyId: z.string().regex(APPLY_ID),
  clusterId: id,
  taskId: id,
  kind: z.enum(['apply', 'rollback']),
  rollbackOf: z.string().regex(APPLY_ID).optional(),
  state: z.enum(['staging', 'discarding', 'switching', 'recovering', 'done', 'declined', 'failed']),
  outcome: text.optional(),
  nodes: z.array(nodeSchema).min(1).max(10_000),
  rollback: z.strictObject({ backupId: z.string().regex(APPLY_ID), nodeIds: z.array(id) }).optional(),
  decided: z.enum(['switch', 'discard']).optional(),
  rolledBackBy: z.string().regex(APPLY_ID).optional(),
  by: text,
  createdAt: time,
  endedAt: time.optional(),
});

const fileSchema = z.strictObject({ version: z.literal(1), applies: z.array(applySchema) });

export interface JournalFile {
  path: string;
  warn(message: string, err?: unknown): void;
}

/**
 * The journal of applies (`config-applies.json` in the user-data folder): each apply's state and
 * every node's phase, written atomically and fsynced. The coordinator awaits `save()` before
 * every step that the next start must know of (above all: before the first switch), so a hub
 * killed at any point finds in it what it had decided. Without a file it lasts as long as the hub.
 */
export class ApplyJournal {
  private applies: ConfigApply[] = [];
  private readonly serial = createSerialQueue();
  private queued: Promise<void> | undefined;
  /** False when the file could not be read nor moved aside: a write would destroy what it holds. */
  private writable = true;

  constructor(private readonly file?: JournalFile) {}

  /** Reads the journal; a damaged file is moved aside and its message returned (for a notice). */
  async load(): Promise<string | undefined> {
    if (!this.file) return undefined;
    try {
      const kept = (await readJsonFile(this.file.path, fileSchema))?.applies ?? [];
      const known = new Set(this.applies.map((a) => a.applyId));
      this.applies = [...kept.filter((a) => !known.has(a.applyId)), ...this.applies];
      return undefined;
    } catch (err) {
      if (!(err instanceof JsonFileError && err.movedTo !== undefined)) this.writable = false;
      return err instanceof JsonFileError ? err.message : `${this.file.path} could not be read.`;
    }
  }

  /** Adds or replaces an apply (the journal holds the object itself: change it, then save). */
  put(apply: ConfigApply): void {
    const at = this.applies.findIndex((a) => a.applyId === apply.applyId);
    if (at >= 0) this.applies[at] = apply;
    else this.applies.push(apply);
  }

  get(applyId: string): ConfigApply | undefined {
    return this.applies.find((a) => a.applyId === applyId);
  }

  /** Oldest first. */
  all(): readonly ConfigApply[] {
    return this.applies;
  }

  unfinished(): ConfigApply[] {
    return this.applies.filter((a) => !isEnded(a));
  }

  /**
   * Resolves once everything put so far is on disk. One write waits at a time and takes what the
   * journal holds when its turn comes, so a burst of node changes costs one or two writes.
   */
  save(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    if (!this.writable) return Promise.reject(new Error(`${file.path} is not written: it could not be read.`));
    this.queued ??= this.serial(async () => {
      this.queued = undefined;
      this.trim();
      await writeJsonFileAtomic(file.path, { version: 1, applies: this.applies });
    });
    return this.queued;
  }

  private trim(): void {
    const ended = this.applies.filter(isEnded);
    if (ended.length <= MAX_ENDED_APPLIES) return;
    const drop = new Set(ended.slice(0, ended.length - MAX_ENDED_APPLIES).map((a) => a.applyId));
    this.applies = this.applies.filter((a) => !drop.has(a.applyId));
  }
}

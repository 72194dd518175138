import { join } from 'node:path';
import type { FreezeInfo } from '../../../protocol/procTypes';
import type { Logger } from '../../../server/context';
import { isSameProcess } from '../procIdentity';
import { readJsonIfExists, writeJsonAtomic } from '../stateDir';
import * as z from 'zod/mini';

interface FrozenProcess {
  pid: number;
  startTicks: number;
  freeze: FreezeInfo;
}

const fileSchema = z.array(
  z.object({
    pid: z.int(),
    startTicks: z.number(),
    freeze: z.object({
      code: z.enum(['A', 'E', 'M']),
      by: z.string(),
      method: z.enum(['cgroup', 'sigstop']),
      at: z.number(),
    }),
  }),
);

/**
 * Processes (other than the agent's jobs) that the agent froze with SIGSTOP, so the FRZ column
 * can say who froze them even after an agent restart. Entries whose process has ended (or whose
 * pid now belongs to another process) are dropped whenever the registry is read.
 */
export class FreezeRegistry {
  private entries = new Map<number, FrozenProcess>();
  private readonly file: string;

  constructor(
    stateDir: string,
    private readonly log: Logger,
  ) {
    this.file = join(stateDir, 'frozen.json');
  }

  load(): void {
    try {
      const parsed = fileSchema.safeParse(readJsonIfExists(this.file) ?? []);
      if (!parsed.success) this.log.error(`ignoring ${this.file}: not a list of frozen processes`);
      else this.entries = new Map(parsed.data.map((e) => [e.pid, e]));
    } catch (err) {
      this.log.error(`ignoring ${this.file}`, err);
    }
  }

  add(pid: number, startTicks: number, freeze: FreezeInfo): void {
    this.entries.set(pid, { pid, startTicks, freeze });
    this.save();
  }

  remove(pid: number): void {
    if (this.entries.delete(pid)) this.save();
  }

  lookup(pid: number, startTicks: number): FreezeInfo | null {
    const e = this.entries.get(pid);
    return e && e.startTicks === startTicks ? e.freeze : null;
  }

  /** Live frozen processes; ended ones are pruned on the way. */
  count(): number {
    let pruned = false;
    for (const e of this.entries.values()) {
      if (!isSameProcess(e.pid, e.startTicks)) {
        this.entries.delete(e.pid);
        pruned = true;
      }
    }
    if (pruned) this.save();
    return this.entries.size;
  }

  private save(): void {
    try {
      writeJsonAtomic(this.file, [...this.entries.values()]);
    } catch (err) {
      this.log.error(`could not save ${this.file}`, err);
    }
  }
}

import { join } from 'node:path';
import { z } from 'zod';
import type { NodeConfig, SshSettings } from '../../api';
import { HubError, messageOf } from '../errors';
import { describeIssue, JsonFileError, readJsonFile, writeJsonFileAtomic } from '../store/jsonFile';
import { createSerialQueue } from '../store/serialQueue';
import { LOCAL_CLUSTER_ID } from './localCluster';
import { hostSchema, sshSettingsSchema } from './sshSettingsSchema';

/** An SSH cluster as saved: no state, no secrets (those live in the SecretStore). */
export interface StoredCluster {
  id: string;
  name: string;
  settings: SshSettings;
  nodes: NodeConfig[];
  /**
   * The number the next added node's id (`n<k>`) starts from, so a forgotten node's id is never
   * given to another host. Absent in files from before it existed: then after the highest id.
   */
  nextNodeNumber?: number;
}

export const MAX_NODES_PER_CLUSTER = 4096;

/** "This computer" is built in; a saved cluster may not take its id or its name. */
const RESERVED_NAME = 'this computer';

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "-" or "_"');

const nameSchema = z
  .string()
  .min(1, 'the name is empty')
  .max(100, 'the name is longer than 100 characters')
  .refine((s) => s === s.trim() && !/\p{Cc}/u.test(s), 'the name has spaces at an end or control characters');

const nodeSchema = z.strictObject({ id: idSchema, host: hostSchema, settings: sshSettingsSchema });

const clusterSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  settings: sshSettingsSchema,
  nodes: z
    .array(nodeSchema)
    .min(1, 'a cluster needs at least one node')
    .max(MAX_NODES_PER_CLUSTER, `a cluster has at most ${MAX_NODES_PER_CLUSTER} nodes`),
  nextNodeNumber: z.number().int().min(1).max(1_000_000_000).optional(),
});

const nameKey = (name: string): string => name.normalize('NFKC').toLowerCase();

/** The first rule a cluster breaks among the others, as a sentence; undefined when none. */
function conflict(cluster: StoredCluster, others: readonly StoredCluster[]): string | undefined {
  if (cluster.id === LOCAL_CLUSTER_ID) return `The cluster id "${cluster.id}" is reserved for "This computer".`;
  if (nameKey(cluster.name) === RESERVED_NAME)
    return `The name "${cluster.name}" is reserved for the built-in cluster.`;
  if (others.some((o) => o.id === cluster.id)) return `Another cluster already has the id "${cluster.id}".`;
  const twin = others.find((o) => nameKey(o.name) === nameKey(cluster.name));
  if (twin) return `A cluster named "${twin.name}" already exists; choose another name.`;
  const seen = new Set<string>();
  for (const node of cluster.nodes) {
    if (seen.has(node.id)) return `Cluster "${cluster.name}" has two nodes with the id "${node.id}".`;
    seen.add(node.id);
  }
  return undefined;
}

const fileSchema = z
  .strictObject({ version: z.literal(1), clusters: z.array(clusterSchema) })
  .superRefine((file, ctx) => {
    file.clusters.forEach((c, i) => {
      const problem = conflict(c, file.clusters.slice(0, i));
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['clusters', i] });
    });
  });

/** Checks one cluster before it is saved; a HubError('bad-request') says what is wrong. */
function validCluster(candidate: unknown, others: readonly StoredCluster[]): StoredCluster {
  const parsed = clusterSchema.safeParse(candidate);
  const name = (candidate as { name?: unknown } | null)?.name;
  const label = typeof name === 'string' ? `Cluster "${name.slice(0, 100)}"` : 'The cluster';
  if (!parsed.success) throw new HubError('bad-request', `${label}: ${describeIssue(parsed.error)}.`);
  const problem = conflict(parsed.data, others);
  if (problem) throw new HubError('bad-request', problem);
  return parsed.data;
}

/**
 * The saved SSH clusters, `<userData>/clusters.json`. Reads happen once (`load`); every
 * change is validated, written atomically and serialised, and memory changes only after
 * the file did, so what `list` shows is what is on disk.
 */
export class ClusterStore {
  private clusters: StoredCluster[] | undefined;
  /** Why the file could not be read: then nothing may write it, or the user's clusters would be lost. */
  private unreadable: string | undefined;
  private readonly serial = createSerialQueue();

  constructor(readonly path: string) {}

  static inDir(userDataDir: string): ClusterStore {
    return new ClusterStore(join(userDataDir, 'clusters.json'));
  }

  /**
   * Reads the file (missing: no clusters). A damaged file is moved aside and the list
   * starts empty; `warning` then says so, for the UI. Other read failures (a file mosdesk
   * may not read, say) throw, and every change is refused from then on.
   */
  load(): Promise<{ warning?: string }> {
    return this.serial(async () => {
      try {
        this.clusters = (await readJsonFile(this.path, fileSchema))?.clusters ?? [];
        return {};
      } catch (err) {
        if (!(err instanceof JsonFileError) || err.movedTo === undefined) {
          this.unreadable = messageOf(err);
          throw err;
        }
        this.clusters = [];
        return {
          warning:
            `${err.message} The saved clusters start empty: add them again, or stop mosdesk, ` +
            'repair that file and rename it back to clusters.json.',
        };
      }
    });
  }

  /** A copy of the saved clusters, in the order they were added. */
  list(): StoredCluster[] {
    return structuredClone(this.loaded());
  }

  get(id: string): StoredCluster | undefined {
    const found = this.loaded().find((c) => c.id === id);
    return found && structuredClone(found);
  }

  add(cluster: StoredCluster): Promise<StoredCluster> {
    return this.change((list) => {
      const valid = validCluster(cluster, list);
      return { next: [...list, valid], result: structuredClone(valid) };
    });
  }

  remove(id: string): Promise<boolean> {
    return this.change((list) => {
      const next = list.filter((c) => c.id !== id);
      return { next: next.length === list.length ? undefined : next, result: next.length !== list.length };
    });
  }

  /** Replaces a cluster by what `fn` makes of a copy of it; its id cannot change. */
  update(id: string, fn: (cluster: StoredCluster) => StoredCluster): Promise<StoredCluster> {
    return this.change((list) => {
      const index = list.findIndex((c) => c.id === id);
      const current = list[index];
      if (!current) throw new HubError('not-found', 'That cluster no longer exists.');
      const changed = fn(structuredClone(current));
      if (changed.id !== id) throw new HubError('bad-request', 'A cluster id cannot change.');
      const valid = validCluster(
        changed,
        list.filter((c) => c.id !== id),
      );
      return { next: list.map((c) => (c.id === id ? valid : c)), result: structuredClone(valid) };
    });
  }

  private loaded(): StoredCluster[] {
    if (this.unreadable !== undefined) {
      throw new HubError(
        'unavailable',
        `The saved clusters could not be read (${this.unreadable}), so mosdesk changes none of them: fix the file and start mosdesk again.`,
      );
    }
    if (!this.clusters) throw new Error('ClusterStore: call load() first');
    return this.clusters;
  }

  /** One serialised read-modify-write; `next` undefined means nothing changed. */
  private change<T>(make: (list: readonly StoredCluster[]) => { next?: StoredCluster[]; result: T }): Promise<T> {
    return this.serial(async () => {
      const { next, result } = make(this.loaded());
      if (next) {
        await writeJsonFileAtomic(this.path, { version: 1, clusters: next }, { mode: 0o600 });
        this.clusters = next;
      }
      return result;
    });
  }
}

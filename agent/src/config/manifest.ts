/**
 * The small JSON files that describe a staged apply and a backup, kept beside the files they
 * describe. Pure: text in, value out, every field checked, since the root side reads them too.
 */
import * as z from 'zod/mini';
import '../protocol/schemaKit';
import { APPLY_ID, CONFIG_FILE_NAME } from '../protocol/configTypes';

const name = () => z.string().check(z.regex(CONFIG_FILE_NAME));
const sha = () => z.nullable(z.string().check(z.regex(/^[0-9a-f]{64}$/)));
const at = () => z.number().check(z.minimum(0));

/** One staged change: `remove` unlinks the file at switch; `base` is what the file must still be. */
export interface StagedEntry {
  name: string;
  base: string | null;
  remove: boolean;
}

export interface StagedManifest {
  applyId: string;
  at: number;
  entries: StagedEntry[];
}

/** What a backup holds: each file of the apply, and whether it was there before. */
export interface BackupManifest {
  id: string;
  at: number;
  files: { name: string; present: boolean }[];
}

const stagedSchema = z.strictObject({
  applyId: z.string().check(z.regex(APPLY_ID)),
  at: at(),
  entries: z
    .array(z.strictObject({ name: name(), base: sha(), remove: z.boolean() }))
    .check(z.minLength(1), z.maxLength(64)),
});

const backupSchema = z.strictObject({
  id: z.string().check(z.regex(APPLY_ID)),
  at: at(),
  files: z.array(z.strictObject({ name: name(), present: z.boolean() })).check(z.maxLength(64)),
});

export class ManifestError extends Error {}

/** Parses and checks a manifest; `names` lists its files, each of which may appear once only. */
function parseWith<T>(schema: z.ZodMiniType<T>, what: string, text: string, names: (m: T) => string[]): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ManifestError(`${what} is not JSON`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ManifestError(`${what} is damaged (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  const list = names(parsed.data);
  if (new Set(list).size !== list.length) throw new ManifestError(`${what} names a file twice`);
  return parsed.data;
}

export const parseStagedManifest = (text: string): StagedManifest =>
  parseWith(stagedSchema, 'the staged manifest', text, (m) => m.entries.map((e) => e.name));

export const parseBackupManifest = (text: string): BackupManifest =>
  parseWith(backupSchema, 'the backup manifest', text, (m) => m.files.map((f) => f.name));

export const formatManifest = (m: StagedManifest | BackupManifest): string => `${JSON.stringify(m, null, 1)}\n`;

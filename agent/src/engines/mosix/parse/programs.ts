import { checkedChoice, MosixArgumentError } from './argCheck';

/** The MOSIX tools the engine runs, by their MOSIX2 names. */
export const MOSIX_TOOLS = ['migrate', 'setpe', 'mosps', 'mosq', 'mosctl', 'moskillall', 'mosrun', 'testload'] as const;
export type MosixTool = (typeof MOSIX_TOOLS)[number];

/** MOSIX2 uses the old names; MOSIX-3 and MOSIX-4 prefix some with `mos`. */
export type MosixGeneration = 2 | 3 | 4;

/** Renamed in MOSIX-3 (reference/mosix.md §3.13); the rest kept their names. */
const RENAMED: Partial<Record<MosixTool, string>> = {
  migrate: 'mosmigrate',
  setpe: 'mossetpe',
  testload: 'mostestload',
};

/**
 * The program to run for a tool. MOSIX-4 ships no mosq (the queue seems to have been dropped);
 * its name is still `mosq`, for the stand-in that provides it, and whether it exists is the
 * caller's question.
 */
export function mosixProgram(tool: MosixTool, generation: MosixGeneration): string {
  const name = checkedChoice('The MOSIX tool', tool, MOSIX_TOOLS);
  if (generation !== 2 && generation !== 3 && generation !== 4)
    throw new MosixArgumentError(`MOSIX generation ${String(generation)} is not 2, 3 or 4.`);
  return generation === 2 ? name : (RENAMED[name] ?? name);
}

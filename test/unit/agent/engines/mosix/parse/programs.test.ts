import { describe, expect, it } from 'vitest';
import {
  MOSIX_TOOLS,
  mosixProgram,
  MosixArgumentError,
  type MosixGeneration,
  type MosixTool,
} from '../../../../../../agent/src/engines/mosix/parse';

/** reference/mosix.md §3.13: the MOSIX-3 renames; MOSIX-4 keeps the MOSIX-3 names. */
const NAMES: Record<MosixTool, [string, string]> = {
  migrate: ['migrate', 'mosmigrate'],
  setpe: ['setpe', 'mossetpe'],
  mosps: ['mosps', 'mosps'],
  mosq: ['mosq', 'mosq'],
  mosctl: ['mosctl', 'mosctl'],
  moskillall: ['moskillall', 'moskillall'],
  mosrun: ['mosrun', 'mosrun'],
  testload: ['testload', 'mostestload'],
};

describe('mosixProgram', () => {
  const cases = MOSIX_TOOLS.flatMap((tool) =>
    ([2, 3, 4] as const).map((generation) => ({
      tool,
      generation,
      want: NAMES[tool][generation === 2 ? 0 : 1],
    })),
  );
  it.each(cases)('names $tool on MOSIX $generation as $want', ({ tool, generation, want }) =>
    expect(mosixProgram(tool, generation)).toBe(want),
  );

  it.each([
    { tool: 'mosbatch', generation: 3 },
    { tool: 'constructor', generation: 2 },
    { tool: 'mosps', generation: 5 },
  ])('refuses $tool on MOSIX $generation', ({ tool, generation }) =>
    expect(() => mosixProgram(tool as MosixTool, generation as MosixGeneration)).toThrow(MosixArgumentError),
  );
});

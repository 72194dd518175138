/**
 * The failures of a vitest JSON report in a few short lines, printed last by `npm test`: CI
 * shows only the end of a long log, and vitest's own report puts each failure's message far
 * above that end, before its diff and code frame.
 */
import { z } from 'zod';

const report = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      message: z.string().optional().default(''),
      assertionResults: z.array(
        // A test may reject with anything (null, a plain object): vitest writes its stack or message.
        z.object({ fullName: z.string(), status: z.string(), failureMessages: z.array(z.unknown()).default([]) }),
      ),
    }),
  ),
});

// eslint-disable-next-line no-control-regex -- colour codes start with ESC
const ANSI = /\x1b\[[0-9;]*m/g;
/** Enough for a message and a short difference; a whole diff belongs to the full log. */
const MAX_MESSAGE = 1000;
/** A run where everything failed (the cluster is down) must still show its first failures at the end. */
export const MAX_FAILURES = 15;

function shortened(messages: unknown[]): string {
  const message = messages.map((m) => (typeof m === 'string' ? m : (JSON.stringify(m) ?? String(m)))).join('\n');
  const plain = message.replace(ANSI, '').split('\n    at ')[0]?.trim() ?? '';
  return plain.length > MAX_MESSAGE ? `${plain.slice(0, MAX_MESSAGE)}…` : plain;
}

/** One block per failed test or failed file, with the file relative to `root`; [] if none failed. */
export function failureSummary(json: string, root: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    return [`(the JSON report cannot be read: ${err instanceof Error ? err.message : String(err)})`];
  }
  const parsed = report.safeParse(data);
  if (!parsed.success) return [`(the JSON report has an unexpected shape: ${parsed.error.issues[0]?.message})`];
  const lines: string[] = [];
  for (const file of parsed.data.testResults) {
    const name = file.name.startsWith(`${root}/`) ? file.name.slice(root.length + 1) : file.name;
    if (file.message) lines.push(`${name}: ${shortened([file.message])}`);
    for (const test of file.assertionResults.filter((t) => t.status === 'failed')) {
      lines.push(`${name} > ${test.fullName}: ${shortened(test.failureMessages)}`);
    }
  }
  if (lines.length <= MAX_FAILURES) return lines;
  return [...lines.slice(0, MAX_FAILURES), `…and ${lines.length - MAX_FAILURES} more`];
}

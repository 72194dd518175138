/**
 * Whether MOSIX runs here: its tools are installed and `mosctl status` says it runs. Anything
 * less (no tools, mosctl failing, "not configured") is the linux engine, with the reason.
 */
import { findTools, type MosixTools, runTool, TOOL_NAMES } from './tools';

export type Detection =
  | { kind: 'absent' | 'not-running'; reason: string }
  | { kind: 'running'; reason: string; tools: MosixTools & { mosctl: string }; statusText: string };

/** A Status line that says MOSIX is not in service on this node. */
const NOT_RUNNING = /not (configured|running)|disabled|down|off\b/i;

/** Pure: the verdict on `mosctl status` output. */
export function statusVerdict(text: string): { running: boolean; status: string | null } {
  const line = /^\s*Status\s*:\s*(.*?)\s*$/m.exec(text);
  if (!line) return { running: false, status: null };
  return { running: !NOT_RUNNING.test(line[1]!), status: line[1]! };
}

export async function detectMosix(path?: string): Promise<Detection> {
  const tools = await findTools(path);
  if (!tools.mosctl) return { kind: 'absent', reason: 'no MOSIX tools on this node (no mosctl on the PATH)' };
  let text: string;
  try {
    text = await runTool(tools.mosctl, ['status'], { timeoutMs: 5000, maxBytes: 64 * 1024 });
  } catch (err) {
    return { kind: 'not-running', reason: `mosctl is installed but ${(err as Error).message}` };
  }
  const verdict = statusVerdict(text);
  if (!verdict.running) {
    const said = verdict.status === null ? 'prints no Status line' : `says "Status: ${verdict.status}"`;
    return { kind: 'not-running', reason: `mosctl is installed but mosctl status ${said}` };
  }
  const missing = (Object.keys(TOOL_NAMES) as (keyof typeof TOOL_NAMES)[]).filter((t) => !tools[t]);
  const names = Object.values(tools).map((p) => p.split('/').pop());
  const reason =
    `MOSIX runs: mosctl status says "Status: ${verdict.status}"; tools ${names.join(', ')}` +
    (missing.length ? `; missing ${missing.join(', ')}` : '');
  return { kind: 'running', reason, tools: { ...tools, mosctl: tools.mosctl }, statusText: text };
}

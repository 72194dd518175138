/**
 * Command lines that are hard to show: unprintable characters, bytes that are not UTF-8, and
 * ones longer than the agent reads (MAX_CMDLINE_BYTES), cut where a character straddles the
 * limit. The agent's rows must be what ps prints in C and, where the machine has C.UTF-8
 * (Debian's libc-bin does), in UTF-8.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CMDLINE_BYTES } from '../../../agent/src/engines/linux/processes/scanner';
import type { ProcList, ProcRow } from '../../../agent/src/protocol/procTypes';
import { AgentProcess } from '../../support/agentProcess';
import { asPsWould, type PsCharset, psCharset, psTable, sameArgs, whereArgsDiffer } from '../../support/psTable';
import { waitUntil } from '../../support/procState';

const HOSTILE_TITLE = Buffer.concat([
  Buffer.from('em—dash tab\tc1\u0085 del\x7f nl\ncr\r ls\u2028 un\u0378 nc\uffff zw\u200b 漢字😀 '),
  Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x20, 0xe2, 0x80, 0x41]), // "bad", two bytes that never start a character, a cut "—"
]);

let agent: AgentProcess;
/** Whether this machine's ps can print in UTF-8 (C.UTF-8 installed); asked once. */
let charset: PsCharset;
const started: ChildProcess[] = [];

/** A sleeping process whose argv[0] is `title`, bytes and all: bash's exec -a, fed by printf. */
function sleeperTitled(title: Buffer): ChildProcess {
  const escaped = [...title].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
  const child = spawn('bash', ['-c', 'exec -a "$(printf "$0")" sleep 607', escaped], { stdio: 'ignore' });
  started.push(child);
  return child;
}

/** A process whose command line is `filler` bytes long up to `straddler`, which starts `into` bytes before the agent's cut. */
function longCommandLine(straddler: string, into: number): { child: ChildProcess; whole: string } {
  const head = [process.execPath, '-e', 'setInterval(() => {}, 1000)'];
  const headBytes = Buffer.byteLength(head.join('\0')) + 1;
  const filler = 'x'.repeat(MAX_CMDLINE_BYTES - into - headBytes);
  const last = `${filler}${straddler}${'y'.repeat(4000)}`;
  const child = spawn(head[0] as string, [...head.slice(1), last], { stdio: 'ignore' });
  started.push(child);
  return { child, whole: [...head, last].join(' ') };
}

/** The process's row once its command line is the one it was started for (`ready`). */
async function rowOf(pid: number, ready: (command: string) => boolean): Promise<ProcRow> {
  let row: ProcRow | undefined;
  // Until bash's exec (or node's, after the fork) the process shows its parent's command line.
  await waitUntil(`process ${pid} with its final command line`, async () => {
    row = (await agent.ok<ProcList>('procs.list')).rows.find((r) => r.pid === pid);
    return row !== undefined && ready(row.command);
  });
  return row as ProcRow;
}

async function expectAsPs(row: ProcRow, charset: PsCharset): Promise<void> {
  const ps = (await psTable(charset)).get(row.pid)?.args ?? '(not in ps)';
  const ours = asPsWould(row, charset).args;
  expect(sameArgs(row, ps, charset), `${charset}: ${whereArgsDiffer(ours, ps)}`).toBe(true);
}

beforeAll(async () => {
  agent = new AgentProcess();
  await agent.ok('hello', { protocolVersion: 1 });
  charset = await psCharset();
});

afterAll(() => {
  for (const child of started) child.kill('SIGKILL');
  agent.stop();
});

describe('command lines as ps shows them', () => {
  it('shows unprintable characters and bytes that are not UTF-8 as ps does', async () => {
    const child = sleeperTitled(HOSTILE_TITLE);
    const row = await rowOf(child.pid as number, (command) => command.endsWith(' 607'));
    expect(row.command.startsWith('em—dash tab\tc1\u0085 del\x7f nl\ncr\r')).toBe(true);
    expect(row.command).toContain('漢字😀 bad\ufffd\ufffd \ufffdA 607');
    await expectAsPs(row, 'c');
    if (charset === 'utf8') await expectAsPs(row, 'utf8');
  });

  it.each([
    { name: 'the first byte of a 2-byte character', straddler: 'é', into: 1 },
    { name: 'three bytes of a 4-byte character', straddler: '😀', into: 3 },
    { name: 'a whole character just before it', straddler: '—', into: 3 },
  ])('cuts a long command line before a character it would split: $name', async ({ straddler, into }) => {
    const { child, whole } = longCommandLine(straddler, into);
    const row = await rowOf(child.pid as number, (command) => command.startsWith(whole.slice(0, 100)));
    const kept = Buffer.byteLength(straddler) <= into ? MAX_CMDLINE_BYTES : MAX_CMDLINE_BYTES - into;
    const expected = Buffer.from(whole).subarray(0, kept).toString('utf8');
    expect(row.command === expected, whereArgsDiffer(row.command, expected)).toBe(true);
    expect(row.command.endsWith('\ufffd')).toBe(false);
    await expectAsPs(row, 'c');
    if (charset === 'utf8') await expectAsPs(row, 'utf8');
  });
});

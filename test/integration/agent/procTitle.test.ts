/**
 * A program that sets its title by writing over its own arguments, as sshd, postgres and nginx
 * do: the kernel shows nothing else changed (same comm, start time and argument address), so the
 * agent must read the command line again to show what ps shows.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AgentNotifications } from '../../../agent/src/protocol/methods';
import type { ProcList } from '../../../agent/src/protocol/procTypes';
import { AgentProcess } from '../../support/agentProcess';
import { waitUntil } from '../../support/procState';

/**
 * On SIGUSR2 the node child writes `title` and NULs over its argument area (fields 48 and 49 of
 * /proc/self/stat) through /proc/self/mem, which is how setproctitle() works without prctl.
 */
const RETITLE = `
process.on('SIGUSR2', () => {
  const f = require('fs').readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  const [start, end] = [Number(f[45]), Number(f[46])];
  const area = Buffer.alloc(end - start);
  area.write('mosdesk-title: root@notty');
  const fd = require('fs').openSync('/proc/self/mem', 'r+');
  require('fs').writeSync(fd, area, 0, area.length, start);
  require('fs').closeSync(fd);
});
setInterval(() => {}, 1000);
process.stdout.write('ready');
`;

let agent: AgentProcess;
let child: ChildProcess;

const ok = <T>(method: string, params: unknown = {}): Promise<T> => agent.ok<T>(method, params);

const commandOf = async (pid: number): Promise<string | undefined> =>
  (await ok<ProcList>('procs.list')).rows.find((r) => r.pid === pid)?.command;

const psArgs = (pid: number): string =>
  execFileSync('ps', ['-ww', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();

beforeAll(async () => {
  agent = new AgentProcess();
  await ok('hello', { protocolVersion: 1 });
  // A long last argument leaves room for the title.
  child = spawn(process.execPath, ['-e', RETITLE, 'x'.repeat(64)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout?.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`the retitling child exited (${code})`)));
  });
});

afterAll(() => {
  child.kill('SIGKILL');
  agent.stop();
});

it('shows the title a process wrote over its arguments, in procs.list and the procs stream', async () => {
  const pid = child.pid as number;
  expect(await commandOf(pid)).toContain('x'.repeat(64));
  const { subscriptionId } = await ok<{ subscriptionId: string }>('subscribe', { topic: 'procs', intervalMs: 1000 });
  const streamed = (): string[] =>
    agent.received
      .filter((m) => m.method === 'procs')
      .map((m) => m.params as AgentNotifications['procs'])
      .filter((p) => p.subscriptionId === subscriptionId)
      .flatMap((p) => p.changes.upserted.filter((r) => r.pid === pid).map((r) => r.command));
  await waitUntil('the full table', () => streamed().length > 0);

  const comm = readFileSync(`/proc/${pid}/comm`, 'utf8');
  child.kill('SIGUSR2');
  await waitUntil('ps to show the new title', () => psArgs(pid) === 'mosdesk-title: root@notty');
  expect(readFileSync(`/proc/${pid}/comm`, 'utf8')).toBe(comm);

  expect(await commandOf(pid)).toBe('mosdesk-title: root@notty');
  await waitUntil('the stream to send the new title', () => streamed().includes('mosdesk-title: root@notty'), 5000);
  await ok('unsubscribe', { subscriptionId });
});

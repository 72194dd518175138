/**
 * The process view (procs.list and the procs stream) of the built agent bundle, checked against
 * real programs this file starts, the real /proc and the real `ps`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentNotifications } from '../../../agent/src/protocol/methods';
import type { ProcList, ProcRow } from '../../../agent/src/protocol/procTypes';
import { AgentProcess } from '../../support/agentProcess';
import { copyBundleForOtherUsers } from '../../support/bundleCopy';
import {
  asPsWould,
  type PsCharset,
  psCharset,
  type PsRow,
  psTable,
  sameArgs,
  sameUser,
  whereArgsDiffer,
} from '../../support/psTable';
import { readProcStat, statusKb, waitAsleep, waitUntil } from '../../support/procState';

const NOBODY = 65534;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/**
 * Since Linux 6.2 the RSS in /proc/<pid>/stat is a per-CPU counter read without summing (status
 * sums it): each of its three parts (file, anon, shmem) may lag by up to batch - 1 pages per CPU,
 * batch = max(32, 2 * CPUs). Small for a big process, but over 10% of a 1.8 MB `sleep`.
 */
const RSS_COUNTER_SLACK = 3 * Math.max(32, 2 * cpus().length) * cpus().length * 4096;
let agent: AgentProcess;
let charset: PsCharset;
let nextId = 100;
const started: ChildProcess[] = [];

const ok = <T>(method: string, params: unknown = {}, on: AgentProcess = agent): Promise<T> => on.ok<T>(method, params);

/** Starts a program (spawn returns after its exec) and remembers it for clean-up. */
function descendsFrom(rows: ProcList['rows'], pid: number, ancestor: number): boolean {
  const parentOf = new Map(rows.map((r) => [r.pid, r.ppid]));
  for (let at = parentOf.get(pid); at !== undefined && at > 1; at = parentOf.get(at)) {
    if (at === ancestor) return true;
  }
  return false;
}

function start(command: string, args: string[]): { pid: number; at: number } {
  const at = Date.now();
  const child = spawn(command, args, { stdio: 'ignore' });
  started.push(child);
  if (child.pid === undefined) throw new Error(`cannot start ${command}`);
  return { pid: child.pid, at };
}

const rowOf = (list: ProcList, pid: number): ProcRow | undefined => list.rows.find((r) => r.pid === pid);

/** VmRSS from /proc/<pid>/status, in bytes: a different file and unit than the agent reads. */
function vmRssBytes(pid: number): number {
  return statusKb(pid, 'VmRSS') * 1024;
}

/**
 * Reads ps, the agent and ps again, and lists the differences between the agent's row and ps's
 * for every live process that ps saw the same in both of its reads.
 */
async function comparedWithPs(): Promise<{ seen: number; compared: number; differences: Map<number, string> }> {
  const before = await psTable(charset);
  const list = await ok<ProcList>('procs.list');
  const after = await psTable(charset);
  const alive = (pid: number): boolean => !['Z', 'X', undefined].includes(readProcStat(pid)?.state);
  const steady = (pid: number): boolean => {
    const [b, a] = [before.get(pid), after.get(pid)];
    return b !== undefined && a !== undefined && isDeepStrictEqual(b, a);
  };
  const both = list.rows.filter((r) => steady(r.pid) && alive(r.pid));
  const differences = new Map<number, string>();
  for (const row of both) {
    const ours = asPsWould(row, charset);
    const theirs = after.get(row.pid) as PsRow;
    // lstart is cut to the second.
    const agrees = {
      user: sameUser(row, theirs.user),
      args: sameArgs(row, theirs.args, charset),
      tty: ours.tty === theirs.tty,
      startedAt: row.startedAt - theirs.startedAt >= -1000 && row.startedAt - theirs.startedAt < 2000,
    };
    // Only the columns that differ, as [agent, ps]: short enough to read in a CI log.
    const differing = (Object.keys(agrees) as (keyof typeof agrees)[]).filter((k) => !agrees[k]);
    if (differing.length > 0) {
      const shown = differing.map((k) => [
        k,
        k === 'args' ? whereArgsDiffer(ours.args, theirs.args) : [ours[k], theirs[k]],
      ]);
      differences.set(row.pid, JSON.stringify(Object.fromEntries(shown)));
    }
  }
  return { seen: Math.min(list.rows.length, after.size), compared: both.length, differences };
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test runs as root (npm test does), to start programs as nobody');
  agent = new AgentProcess();
  await ok('hello', { protocolVersion: 1 });
  charset = await psCharset();
});

afterAll(() => {
  agent.stop();
  for (const child of started) child.kill('SIGKILL');
});

describe('procs.list', () => {
  it('shows a started sleep with the ps columns right', async () => {
    const sleeper = start('sleep', ['600']);
    // Asleep means exec'd and past the dynamic loader, whose work grows RSS between any two reads.
    await waitAsleep(sleeper.pid, 'sleep');
    const list = await ok<ProcList>('procs.list');
    const row = rowOf(list, sleeper.pid);
    expect(row).toMatchObject({
      ppid: process.pid,
      user: userInfo().username,
      uid: process.getuid?.(),
      state: 'S',
      command: 'sleep 600',
      tty: null,
      where: 'here',
      from: 'here',
      class: 'native',
      frz: '-',
      jobId: null,
      nmigs: null,
    });
    expect(Math.abs((row?.startedAt ?? 0) - sleeper.at)).toBeLessThan(2000);
    const rss = vmRssBytes(sleeper.pid);
    expect(Math.abs((row?.rssBytes ?? 0) - rss)).toBeLessThanOrEqual(Math.max(rss * 0.1, RSS_COUNTER_SLACK));
    expect(Math.abs(list.at - Date.now())).toBeLessThan(5000);
    expect(list.truncated).toBe(false);
  });

  it('shows the resident size of a big process within 10% of VmRSS', async () => {
    const big = start(process.execPath, [
      '-e',
      'const b = Buffer.alloc(64 << 20, 1); setInterval(() => b[0]++, 1000);',
    ]);
    // Over 64 MiB is still mid-fill on a busy machine: wait until it also stops growing.
    let last = 0;
    await waitUntil('64 MiB resident, and steady', async () => {
      const [before, now] = [last, vmRssBytes(big.pid)];
      last = now;
      await new Promise((r) => setTimeout(r, 100));
      return now > 64 << 20 && Math.abs(now - before) < now * 0.01;
    });
    const row = rowOf(await ok<ProcList>('procs.list'), big.pid);
    const rss = vmRssBytes(big.pid);
    expect(Math.abs((row?.rssBytes ?? 0) - rss)).toBeLessThanOrEqual(rss * 0.1);
  });

  it('agrees with ps on user, command line, terminal and start time of every process both see', async () => {
    // script(1) runs `$SHELL -c "sleep 601"` on a new pty. bash execs sleep, dash (Debian's sh,
    // and script's choice when SHELL is unset, as under CI) forks it: so look for a descendant.
    const onPty = start('script', ['-qfc', 'sleep 601', '/dev/null']);
    const sleepOnPty = (rows: ProcList['rows']): ProcList['rows'][number] | undefined =>
      rows.find((r) => r.command === 'sleep 601' && descendsFrom(rows, r.pid, onPty.pid));
    await waitUntil(
      'sleep 601 on a pty',
      async () => sleepOnPty((await ok<ProcList>('procs.list')).rows) !== undefined,
    );
    // Processes change under any reader: one ends and loses its command line, a kernel worker
    // renames itself as it changes work queues ("kworker/u8:1-events" and back), a program drops
    // to another user. So compare the agent's read with ps's reads just before and after it,
    // and count a difference only when a second round shows the same difference again.
    const first = await comparedWithPs();
    expect(first.compared).toBeGreaterThan(first.seen * 0.9);
    if (first.differences.size > 0) {
      const again = await comparedWithPs();
      const repeated = [...first.differences].filter(([pid, d]) => isDeepStrictEqual(again.differences.get(pid), d));
      const shown = repeated.slice(0, 3).map(([pid, d]) => `pid ${pid} ${d}`);
      expect(repeated, `the agent and ps differ on ${repeated.length} processes: ${shown.join('; ')}`).toEqual([]);
    }
    const pty = sleepOnPty((await ok<ProcList>('procs.list')).rows);
    expect(pty?.tty).toMatch(/^pts\/\d+$/);
    if (pty) process.kill(pty.pid, 'SIGKILL');
  });

  it("shows a CPU burner's share of one CPU since the previous call", async () => {
    const burner = start(process.execPath, ['-e', 'for (;;) {}']);
    const idle = start('sleep', ['602']);
    await new Promise((r) => setTimeout(r, 300));
    // What the burner really got, from /proc around the same two calls: on a loaded machine
    // (other test files burn CPU too) it may be well under one CPU.
    const [ticks0, at0] = [readProcStat(burner.pid)?.cpuTicks ?? NaN, performance.now()];
    await ok<ProcList>('procs.list');
    await new Promise((r) => setTimeout(r, 1500));
    const second = await ok<ProcList>('procs.list');
    const [ticks1, at1] = [readProcStat(burner.pid)?.cpuTicks ?? NaN, performance.now()];
    const got = ((ticks1 - ticks0) / CLK_TCK / ((at1 - at0) / 1000)) * 100;
    expect(rowOf(second, burner.pid)?.state).toBe('R');
    expect(got).toBeGreaterThan(10);
    expect(Math.abs((rowOf(second, burner.pid)?.cpuPercent ?? NaN) - got)).toBeLessThan(10);
    expect(rowOf(second, burner.pid)?.cpuPercent).toBeLessThanOrEqual(105);
    expect(rowOf(second, idle.pid)?.cpuPercent).toBe(0);
    // TIME: the burner's whole CPU time, between what /proc said just before and just after the call.
    const time = rowOf(second, burner.pid)?.cpuTimeMs ?? NaN;
    expect(time).toBeGreaterThanOrEqual((ticks0 / CLK_TCK) * 1000);
    expect(time).toBeLessThanOrEqual((ticks1 / CLK_TCK) * 1000);
  });

  it('filters by user and scope, and limits in pid order', async () => {
    const nobodys = start('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'sleep', '603']);
    await waitUntil('setpriv to exec sleep', () => readFileSync(`/proc/${nobodys.pid}/comm`, 'utf8') === 'sleep\n');
    const mine = await ok<ProcList>('procs.list', { user: 'nobody' });
    expect(mine.rows.map((r) => r.pid)).toContain(nobodys.pid);
    expect(mine.rows.every((r) => r.user === 'nobody' && r.uid === NOBODY)).toBe(true);
    expect(rowOf(mine, nobodys.pid)).toMatchObject({ command: 'sleep 603', frz: '-' });

    const all = await ok<ProcList>('procs.list');
    const pids = all.rows.map((r) => r.pid);
    expect(pids).toEqual([...pids].sort((a, b) => a - b));
    const limited = await ok<ProcList>('procs.list', { limit: 3 });
    expect(limited.truncated).toBe(true);
    expect(limited.rows.map((r) => r.pid)).toEqual(pids.slice(0, 3));

    expect((await ok<ProcList>('procs.list', { scope: 'away' })).rows).toEqual([]);
    expect((await ok<ProcList>('procs.list', { scope: 'guests' })).rows).toEqual([]);
    expect((await ok<ProcList>('procs.list', { scope: 'local' })).rows.length).toBeGreaterThan(pids.length * 0.9);
    const jobs = await ok<ProcList>('procs.list', { scope: 'jobs' });
    expect(jobs.rows.every((r) => r.runId !== null)).toBe(true);
    expect((await agent.call(nextId++, 'procs.list', { user: 'no such user!' })).error?.code).toBe(-32602);
  });

  it('shows kernel threads and zombies as [comm], which the agent cannot freeze', async () => {
    // The shell starts a child and becomes a sleep that never reaps it.
    const parent = start('sh', ['-c', 'sleep 0 & exec sleep 604']);
    let zombie: ProcRow | undefined;
    await waitUntil('a zombie child', async () => {
      const list = await ok<ProcList>('procs.list');
      zombie = list.rows.find((r) => r.ppid === parent.pid && r.state === 'Z');
      return zombie !== undefined;
    });
    expect(zombie).toMatchObject({ command: '[sleep]', frz: 'N/A', rssBytes: 0 });
    if (readFileSync('/proc/2/comm', 'utf8') !== 'kthreadd\n') return; // a container without kernel threads
    expect(rowOf(await ok<ProcList>('procs.list'), 2)).toMatchObject({
      command: '[kthreadd]',
      frz: 'N/A',
      rssBytes: 0,
      ppid: 0,
      tty: null,
    });
  });

  it("marks other users' processes N/A when the agent is not root", async () => {
    const rootSleeper = start('sleep', ['605']);
    const stateDir = mkdtempSync(join(tmpdir(), 'mosdesk-procs-'));
    chownSync(stateDir, NOBODY, NOBODY);
    const bundle = copyBundleForOtherUsers();
    const unprivileged = new AgentProcess({
      bundle: bundle.path,
      prefix: ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'],
      env: { MOSDESK_AGENT_STATE_DIR: stateDir, HOME: stateDir },
    });
    try {
      await ok('hello', { protocolVersion: 1 }, unprivileged);
      const list = await ok<ProcList>('procs.list', {}, unprivileged);
      expect(rowOf(list, rootSleeper.pid)).toMatchObject({ user: 'root', frz: 'N/A', command: 'sleep 605' });
      const own = list.rows.filter((r) => r.uid === NOBODY);
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((r) => r.frz === '-' || r.state === 'Z')).toBe(true);
    } finally {
      unprivileged.stop();
      bundle.remove();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe('the procs stream', () => {
  it('sends the whole table, then new processes as upserted and ended ones as removed', async () => {
    const steady = start('sleep', ['606']);
    const { subscriptionId } = await ok<{ subscriptionId: string }>('subscribe', { topic: 'procs', intervalMs: 1000 });
    const ours = (): AgentNotifications['procs']['changes'][] =>
      agent.received
        .filter((m) => m.method === 'procs')
        .map((m) => m.params as AgentNotifications['procs'])
        .filter((p) => p.subscriptionId === subscriptionId)
        .map((p) => p.changes);
    await waitUntil('the first procs notification', () => ours().length >= 1);
    const first = ours()[0];
    expect(first).toMatchObject({ full: true, removed: [] });
    expect(first?.upserted.map((r) => r.pid)).toContain(steady.pid);

    const fresh = start('sleep', ['607']);
    await waitUntil(
      'the new process upserted',
      () => ours().some((c) => c.upserted.some((r) => r.pid === fresh.pid)),
      5000,
    );
    process.kill(fresh.pid, 'SIGKILL');
    await waitUntil('the ended process removed', () => ours().some((c) => c.removed.includes(fresh.pid)), 5000);

    const later = ours().slice(1);
    expect(later.every((c) => !c.full)).toBe(true);
    // An idle process whose columns do not change is sent once, in the full table.
    expect(later.some((c) => c.upserted.some((r) => r.pid === steady.pid))).toBe(false);
    expect(await ok('unsubscribe', { subscriptionId })).toEqual({ removed: true });
  });

  it('applies its filter to every notification', async () => {
    const { subscriptionId } = await ok<{ subscriptionId: string }>('subscribe', {
      topic: 'procs',
      intervalMs: 1000,
      user: 'nobody',
    });
    const isOurs = (m: { method?: string; params?: unknown }): boolean =>
      m.method === 'procs' && (m.params as AgentNotifications['procs']).subscriptionId === subscriptionId;
    const nobodys = start('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'sleep', '608']);
    const rootSleeper = start('sleep', ['609']);
    await waitUntil("nobody's sleep in the stream", () =>
      agent.received
        .filter(isOurs)
        .some((m) => (m.params as AgentNotifications['procs']).changes.upserted.some((r) => r.pid === nobodys.pid)),
    );
    const upserted = agent.received
      .filter(isOurs)
      .flatMap((m) => (m.params as AgentNotifications['procs']).changes.upserted);
    expect(upserted.every((r) => r.user === 'nobody')).toBe(true);
    expect(upserted.some((r) => r.pid === rootSleeper.pid)).toBe(false);
    await ok('unsubscribe', { subscriptionId });
  });
});

/**
 * testload: burns CPU in slices of CHUNK_MS and adds each slice's CPU time to its progress file,
 * until `-t` seconds of CPU are done. Started by mosrun it is a MOSIX process: its deputy (this
 * PID, at home) stops itself while a guest runs it elsewhere, and a guest (`/sbin/remote`) runs
 * only while the record says it is the one.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { signalOn } from './migration';
import { BUNDLE } from './paths';
import { addProgress, readProgress, removeProgress, writeProgress } from './progress';
import { type ProcRecord, type Ref, sameRef } from './records';
import type { Self } from './self';
import { readState, updateState } from './store';

export type Role = { kind: 'plain' | 'deputy' | 'guest'; ref: Ref };

const CHUNK_MS = 100;
/** A guest that its record has not named within this long was never wanted. */
const GUEST_GRACE_MS = 10_000;

type Verdict = 'go' | 'stop' | 'wait' | 'end';

function burn(ms: number): number {
  const end = Date.now() + ms;
  let x = 0;
  while (Date.now() < end) for (let i = 0; i < 10_000; i++) x = Math.sqrt(x + i);
  return x;
}

const recordOf = (ref: Ref): ProcRecord | undefined => readState().procs.find((p) => sameRef(p, ref));

function verdict(self: Self | null, role: Role, since: number): Verdict {
  if (role.kind === 'plain') return 'go';
  const rec = recordOf(role.ref);
  if (role.kind === 'deputy') return !rec ? 'go' : rec.finished ? 'end' : rec.guest ? 'stop' : 'go';
  if (!rec || rec.finished) return 'end';
  if (rec.where === self?.number && rec.guest?.pid === process.pid) return 'go';
  return Date.now() - since < GUEST_GRACE_MS && rec.moving ? 'wait' : 'end';
}

/** The deputy's end: its record and progress go, so nothing of it is left. */
function forget(ref: Ref): void {
  updateState((s) => {
    s.procs = s.procs.filter((p) => !sameRef(p, ref));
    s.queue = s.queue.filter((e) => !sameRef(e, ref));
  });
  removeProgress(ref);
}

/** A guest whose work is done hands the end to its deputy at home, which then exits. */
function guestDone(self: Self, ref: Ref): void {
  const rec = updateState((s) => {
    const r = s.procs.find((p) => sameRef(p, ref));
    if (r) Object.assign(r, { finished: true, guest: null, where: r.home });
    return r;
  });
  if (rec) signalOn(self, rec.home, rec.pid, rec.start, constants.signals.SIGCONT);
}

function onSignals(self: Self | null, role: Role): void {
  for (const name of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(name, () => {
      const rec = role.kind === 'plain' ? undefined : recordOf(role.ref);
      if (self && rec?.guest && role.kind === 'deputy')
        signalOn(self, rec.where, rec.guest.pid, rec.guest.start, constants.signals.SIGKILL);
      if (role.kind === 'deputy') forget(role.ref);
      if (self && role.kind === 'guest' && rec) guestDone(self, role.ref);
      process.exit(128 + constants.signals[name]);
    });
  }
}

/** -r{node} and the like: the deputy asks migrate to move it once, as soon as it runs. */
function placeOnce(role: Role): void {
  if (role.kind !== 'deputy') return;
  const to = updateState((s) => {
    const r = s.procs.find((p) => sameRef(p, role.ref));
    const at = r?.placeAt ?? null;
    if (r) r.placeAt = null;
    return at;
  });
  if (to === null || to === role.ref.home) return;
  spawn(process.execPath, [BUNDLE, 'migrate', String(role.ref.pid), String(to)], {
    detached: true,
    stdio: 'ignore',
  }).unref();
}

/** The memory -m asked for, touched, and held until the end. */
const held: { memory?: Buffer | undefined } = {};

export async function runTestload(self: Self | null, role: Role, seconds: number, memMb: number): Promise<void> {
  held.memory = memMb > 0 ? Buffer.alloc(memMb * 2 ** 20, 1) : undefined;
  if (role.kind !== 'guest')
    writeProgress(role.ref, { cpuMs: readProgress(role.ref)?.cpuMs ?? 0, limitMs: seconds * 1000 });
  onSignals(self, role);
  placeOnce(role);
  const since = Date.now();
  let used = process.cpuUsage();
  for (;;) {
    const v = verdict(self, role, since);
    if (v === 'end') break;
    if (v === 'stop') process.kill(process.pid, 'SIGSTOP');
    if (v !== 'go') {
      await new Promise((r) => setTimeout(r, 50));
      used = process.cpuUsage();
      continue;
    }
    burn(CHUNK_MS);
    const now = process.cpuUsage();
    const p = addProgress(role.ref, (now.user + now.system - used.user - used.system) / 1000, seconds * 1000);
    used = now;
    if (p.limitMs > 0 && p.cpuMs >= p.limitMs) {
      if (role.kind === 'guest' && self) guestDone(self, role.ref);
      break;
    }
    await new Promise((r) => setImmediate(r));
  }
  if (role.kind !== 'guest') forget(role.ref);
  held.memory = undefined;
}

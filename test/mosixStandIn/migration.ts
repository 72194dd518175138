/**
 * What migrate does to a process, for real where it can be: a testload moves (its deputy stopped
 * at home under the same PID, a guest burning its CPU on the other node as /sbin/remote), is
 * frozen and continued where it runs, and is signalled there. Other programs only have their
 * records changed, which the tools say on stderr.
 */
import { constants } from 'node:os';
import { isAlive } from './procInfo';
import { type ProcRecord, type Ref, runsOn, sameRef, type StandInState } from './records';
import { onNode } from './remote';
import { addressOf, type Self } from './self';
import { log, updateState } from './store';

const { SIGCONT, SIGKILL, SIGSTOP } = constants.signals;

/** Sends a signal to process (pid, start) on node `n`: here directly, elsewhere over ssh. */
export function signalOn(self: Self, n: number, pid: number, start: number | null, signal: number): void {
  if (n === self.number) {
    if (isAlive(pid, start)) process.kill(pid, signal);
    return;
  }
  const r = onNode(addressOf(self.map, n), '_signal', [String(pid), String(start ?? '-'), String(signal)]);
  if (r.code !== 0) log(`signal ${signal} to ${pid} on node ${n} failed: ${r.stderr.trim()}`);
}

export function recordOf(state: StandInState, ref: Ref): ProcRecord {
  const r = state.procs.find((p) => sameRef(p, ref));
  if (!r) throw new Error(`process ${ref.pid} of node ${ref.home} has ended`);
  return r;
}

/** Moves a testload to node `to` (not its home): stop the deputy, start a guest there, drop the old one. */
export function moveTestload(self: Self, rec: ProcRecord, to: number): string | undefined {
  if (rec.where === to) return undefined;
  if (rec.frz === 'M') return `process ${rec.pid} is frozen: it stays where it is`;
  const ref = { home: rec.home, pid: rec.pid };
  const old = updateState((s) => {
    const r = recordOf(s, ref);
    if (r.moving) return undefined;
    r.moving = true;
    return { where: r.where, guest: r.guest };
  });
  if (!old) return `process ${rec.pid} is already moving`;
  if (!old.guest) signalOn(self, rec.home, rec.pid, rec.start, SIGSTOP);
  const started = onNode(addressOf(self.map, to), '_guest', [String(rec.home), String(rec.pid)]);
  if (started.code !== 0) {
    updateState((s) => void (recordOf(s, ref).moving = false));
    if (!old.guest) signalOn(self, rec.home, rec.pid, rec.start, SIGCONT);
    return `could not start the guest on node ${to}: ${started.stderr.trim() || `ssh status ${started.code}`}`;
  }
  if (old.guest) signalOn(self, old.where, old.guest.pid, old.guest.start, SIGKILL);
  log(`moved ${rec.home}:${rec.pid} from node ${old.where} to node ${to} (guest ${started.stdout.trim()})`);
  return undefined;
}

/** Brings a testload home: its record first (so the guest knows it is over), then the guest killed and the deputy continued. */
export function bringHome(self: Self, rec: ProcRecord): string | undefined {
  if (!rec.guest) return undefined;
  if (rec.frz === 'M') return `process ${rec.pid} is frozen: it stays where it is`;
  const ref = { home: rec.home, pid: rec.pid };
  const guest = updateState((s) => {
    const r = recordOf(s, ref);
    const g = r.moving ? null : { where: r.where, guest: r.guest };
    if (g) Object.assign(r, { where: r.home, guest: null, nmigs: r.nmigs + 1 });
    return g;
  });
  if (!guest?.guest) return `process ${rec.pid} is moving or already home`;
  signalOn(self, guest.where, guest.guest.pid, guest.guest.start, SIGKILL);
  signalOn(self, rec.home, rec.pid, rec.start, SIGCONT);
  log(`brought ${rec.home}:${rec.pid} home from node ${guest.where}`);
  return undefined;
}

/** Only the record moves: WHERE and NMIGS, for a program the stand-in cannot move. */
export function moveRecord(rec: ProcRecord, to: number): string | undefined {
  if (rec.where === to) return undefined;
  updateState((s) => {
    const r = recordOf(s, rec);
    Object.assign(r, { where: to, nmigs: r.nmigs + 1 });
  });
  return `(stand-in) ${rec.command} is not testload: only its record says node ${to}; it still runs on node ${rec.home}`;
}

/** Signals the process where it really runs. */
export function signalWhereItRuns(self: Self, rec: ProcRecord, signal: number): void {
  if (rec.guest) signalOn(self, rec.where, rec.guest.pid, rec.guest.start, signal);
  else signalOn(self, rec.home, rec.pid, rec.start, signal);
}

/** freeze: SIGSTOP where it runs, FRZ M; continue: SIGCONT there, FRZ -. */
export function setFrozen(self: Self, rec: ProcRecord, frozen: boolean): void {
  signalWhereItRuns(self, rec, frozen ? SIGSTOP : SIGCONT);
  updateState((s) => void (recordOf(s, rec).frz = frozen ? 'M' : '-'));
  log(`${frozen ? 'froze' : 'continued'} ${rec.home}:${rec.pid} on node ${runsOn(rec)}`);
}

/**
 * A signal to a MOSIX process, as MOSIX delivers it. One that ends a process ends an away testload's
 * guest and its deputy (the deputy is continued so that it takes a pending signal); others reach the guest.
 */
export function signalProcess(self: Self, rec: ProcRecord, signal: number, ends: boolean): void {
  if (!rec.guest) return signalOn(self, rec.home, rec.pid, rec.start, signal);
  if (!ends) return signalOn(self, rec.where, rec.guest.pid, rec.guest.start, signal);
  signalOn(self, rec.where, rec.guest.pid, rec.guest.start, SIGKILL);
  signalOn(self, rec.home, rec.pid, rec.start, signal);
  if (signal !== SIGKILL) signalOn(self, rec.home, rec.pid, rec.start, SIGCONT);
}

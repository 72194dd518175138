/**
 * migrate / mosmigrate {pid | -j{id}} {node | home | out | freeze | continue | checkpoint | chkstop | chkexit}.
 * Like MOSIX's it returns 0 for a request it took, whatever comes of it; what did not happen is
 * said on stderr. While the decline switch is on, moves are taken and nothing moves.
 */
import { existsSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:os';
import {
  bringHome,
  moveRecord,
  moveTestload,
  recordOf,
  setFrozen,
  signalProcess,
  signalWhereItRuns,
} from '../migration';
import { DECLINE } from '../paths';
import { readProgress } from '../progress';
import type { ProcRecord } from '../records';
import { nodeByName } from '../self';
import { log, updateState } from '../store';
import { type MigrateAction, parseMigrateArgs, type Target } from '../toolArgs';
import { type Context, context, mayAct } from './common';

/** The processes a target names: ours at home by PID or Job ID, or a guest here by its local PID. */
function targets(ctx: Context, target: Target): ProcRecord[] {
  const here = ctx.self.number;
  const found =
    'pid' in target
      ? ctx.state.procs.filter(
          (r) => (r.home === here && r.pid === target.pid) || (r.where === here && r.guest?.pid === target.pid),
        )
      : ctx.state.procs.filter((r) => r.home === here && r.jobId === target.jobId);
  if ('pid' in target && found.length === 0) throw new Error(`no MOSIX process ${target.pid} here`);
  return found.filter((r) => mayAct(ctx, r.uid));
}

/** ckpt.{pid}.{n} in the process's working directory at home, with its progress. */
function checkpoint(ctx: Context, rec: ProcRecord): string {
  if (rec.home !== ctx.self.number) throw new Error(`checkpoint process ${rec.pid} on its home, node ${rec.home}`);
  const n = updateState((s) => ++recordOf(s, rec).checkpoints);
  const path = join(readlinkSync(`/proc/${rec.pid}/cwd`), `ckpt.${rec.pid}.${n}`);
  const image = {
    standIn: 'mosix',
    home: rec.home,
    pid: rec.pid,
    command: rec.command,
    progress: readProgress(rec) ?? null,
  };
  writeFileSync(path, `${JSON.stringify({ ...image, at: new Date().toISOString() })}\n`);
  return path;
}

function move(ctx: Context, rec: ProcRecord, to: number): string | undefined {
  if (to === rec.home) return rec.testload ? bringHome(ctx.self, rec) : moveRecord(rec, to);
  return rec.testload ? moveTestload(ctx.self, rec, to) : moveRecord(rec, to);
}

function act(ctx: Context, rec: ProcRecord, action: MigrateAction): string | undefined {
  const declined = existsSync(DECLINE);
  switch (action.kind) {
    case 'to':
      return declined ? undefined : move(ctx, rec, nodeByName(ctx.self.map, ctx.state.hosts, action.node));
    case 'home':
    case 'out':
      return declined ? undefined : move(ctx, rec, rec.home);
    case 'freeze':
    case 'continue':
      setFrozen(ctx.self, rec, action.kind === 'freeze');
      return undefined;
    case 'checkpoint':
      checkpoint(ctx, rec);
      return undefined;
    case 'chkstop':
      checkpoint(ctx, rec);
      signalWhereItRuns(ctx.self, rec, constants.signals.SIGSTOP);
      return undefined;
    case 'chkexit':
      checkpoint(ctx, rec);
      signalProcess(ctx.self, rec, constants.signals.SIGTERM, true);
      return undefined;
  }
}

export function migrate(args: string[]): number {
  const { target, action } = parseMigrateArgs(args);
  const ctx = context();
  if (action.kind === 'to') nodeByName(ctx.self.map, ctx.state.hosts, action.node);
  for (const rec of targets(ctx, target)) {
    const said = act(ctx, rec, action);
    log(
      `migrate ${args.join(' ')}: ${rec.home}:${rec.pid}${existsSync(DECLINE) ? ' (declined)' : ''}${said ? `: ${said}` : ''}`,
    );
    if (said) process.stderr.write(`migrate: ${said}\n`);
  }
  return 0;
}

/**
 * Job control through MOSIX: `migrate` for freeze, continue, checkpoints and moves, `moskillall`
 * for a Job ID's signal. A process MOSIX does not manage (not started by mosrun) is left to the
 * linux engine's control, which MOSIX's tools would refuse anyway.
 */
import type { EngineControl, Target } from '../engine';
import type { ActionResult } from '../../protocol/jobTypes';
import { RpcError, RpcErrorCode } from '../../protocol/errors';
import { unsupported } from '../unsupported';
import { type MigrateAction, migrateArgs, moskillallArgs, type MospsRow, parseMosps } from './parse';
import { MosixArgumentError } from './parse/argCheck';
import { MOSPS_ARGS } from './processes';
import { type MosixTools, runTool } from './tools';

/** An argument a tool must not get is the caller's mistake, said as such. */
function argv(build: () => string[]): string[] {
  try {
    return build();
  } catch (err) {
    if (err instanceof MosixArgumentError)
      throw new RpcError(RpcErrorCode.InvalidParams, `Invalid params: ${err.message}`);
    throw err;
  }
}

/** The MOSIX processes of a target as mosps lists them now (none when it is not MOSIX's). */
async function mosixRows(mosps: string | undefined, target: Target): Promise<MospsRow[]> {
  if (!mosps) return [];
  const rows = parseMosps(await runTool(mosps, MOSPS_ARGS)).rows.filter((r) => r.class !== 'native');
  return target.pid !== undefined
    ? rows.filter((r) => r.pid === target.pid)
    : rows.filter((r) => r.jobId === target.jobId);
}

const migrateTarget = (t: Target) => (t.pid !== undefined ? { pid: t.pid } : { jobId: t.jobId ?? 0 });

export function mosixControl(linux: EngineControl, tools: MosixTools): EngineControl {
  const { migrate, mosps, moskillall } = tools;
  /** `migrate target action` for MOSIX's processes; `otherwise` for the rest. */
  async function viaMigrate(
    target: Target,
    action: MigrateAction,
    otherwise: () => Promise<ActionResult>,
  ): Promise<ActionResult> {
    const rows = await mosixRows(mosps, target);
    if (rows.length === 0 || !migrate) return otherwise();
    await runTool(
      migrate,
      argv(() => migrateArgs(migrateTarget(target), action)),
    );
    return { pids: rows.map((r) => r.pid) };
  }
  const notMosix = (what: string) => async (): Promise<never> => {
    throw unsupported(
      `${what}: it is not a MOSIX process (not started with mosrun), and only MOSIX processes can ${
        what.startsWith('migrate') ? 'migrate' : 'be checkpointed'
      }.`,
    );
  };
  return {
    freeze: (target) => viaMigrate(target, 'freeze', () => linux.freeze(target)),
    continue: (target) => viaMigrate(target, 'continue', () => linux.continue(target)),
    async signal(target, signal) {
      if (target.jobId === undefined || !moskillall) return linux.signal(target, signal);
      const rows = await mosixRows(mosps, target);
      if (rows.length === 0) return linux.signal(target, signal);
      await runTool(
        moskillall,
        argv(() => moskillallArgs(signal, target.jobId)),
      );
      return { pids: rows.map((r) => r.pid), method: 'signal' };
    },
    migrate(target, to) {
      const action: MigrateAction = to === 'home' || to === 'out' ? to : { to };
      return viaMigrate(target, action, notMosix(`migrate ${to}`));
    },
    checkpoint(target, then) {
      const action = then === 'continue' ? 'checkpoint' : then === 'stop' ? 'chkstop' : 'chkexit';
      return viaMigrate(target, action, notMosix('checkpoint'));
    },
  };
}

import { hostname } from 'node:os';
import { readBackup, listBackups } from '../config/backups';
import { ConfigFileError } from '../config/files';
import type { OpResults } from '../config/op';
import { configPaths } from '../config/paths';
import { runOp, writeAccess } from '../config/privilege';
import { fileState, readConfigFiles, withChanges } from '../config/read';
import { factsFor } from '../config/validation';
import { interruptedSwitches } from '../config/recovery';
import { listPending, readStaged } from '../config/staged';
import type { ConfigWriteAccess } from '../protocol/configTypes';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import type { AgentUser } from '../protocol/types';
import type { Ctx, Logger } from '../server/context';
import { defineHandler, type HandlerGroup } from './define';

const paths = configPaths();

/** A file that cannot be read (a link out of /etc/mosix, too big, not a regular file) fails the call with its sentence. */
async function reading<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ConfigFileError) throw new RpcError(RpcErrorCode.CommandFailed, err.message);
    throw err;
  }
}

/** Every config call first finishes a switch a crash interrupted (when this agent may write). */
async function finishInterrupted(access: ConfigWriteAccess): Promise<void> {
  if (access.ok && (await interruptedSwitches(paths)).length > 0) await runOp({ op: 'recover' }, access);
}

async function accessFor(ctx: Ctx): Promise<ConfigWriteAccess> {
  const access = await writeAccess(ctx.engine.user);
  await finishInterrupted(access);
  return access;
}

/** What each of a staged apply's files is now, for a switch that cannot run here. */
async function nowOf(applyId: string) {
  const m = await readStaged(paths, applyId).catch(() => undefined);
  return reading(() => Promise.all((m?.entries ?? []).map((e) => fileState(paths.dir, e.name))));
}

export const configHandlers = {
  'config.read': defineHandler('config.read', async (_p, ctx) => {
    const write = await accessFor(ctx);
    const [files, pending, backups] = await reading(() =>
      Promise.all([readConfigFiles(paths.dir), listPending(paths), listBackups(paths)]),
    );
    // The files as they are, checked against this node by whoever reads them (a node check).
    const facts = await factsFor(withChanges(files, []));
    const snapshot = { dir: paths.dir, files, write, pending, backups, facts };
    return snapshot;
  }),
  'config.stage': defineHandler('config.stage', async (params, ctx) => {
    const access = await accessFor(ctx);
    if (!access.ok)
      return { staged: false, applyId: params.applyId, conflicts: [], problems: [], reason: access.reason };
    return (await runOp({ op: 'stage', params }, access)) as OpResults['stage'];
  }),
  'config.switch': defineHandler('config.switch', async (params, ctx) => {
    const access = await accessFor(ctx);
    if (!access.ok)
      return { switched: false, applyId: params.applyId, reason: access.reason, now: await nowOf(params.applyId) };
    return (await runOp({ op: 'switch', params }, access)) as OpResults['switch'];
  }),
  'config.discard': defineHandler('config.discard', async (params, ctx) => {
    const access = await accessFor(ctx);
    return (await runOp({ op: 'discard', params }, access)) as OpResults['discard'];
  }),
  'config.backup': defineHandler('config.backup', async ({ backupId }, ctx) => {
    await accessFor(ctx);
    const backup = await reading(() => readBackup(paths, backupId));
    if (!backup) throw new RpcError(RpcErrorCode.NotFound, `no backup ${backupId} on ${hostname()}`);
    return backup;
  }),
} satisfies HandlerGroup;

/** At agent start: a switch a crash interrupted is finished at once, not at the first config call. */
export async function finishInterruptedAtStart(user: AgentUser, log: Logger): Promise<void> {
  try {
    if ((await interruptedSwitches(paths)).length === 0) return;
    await finishInterrupted(await writeAccess(user));
  } catch (err) {
    log.error(`could not finish an interrupted /etc/mosix switch`, err);
  }
}

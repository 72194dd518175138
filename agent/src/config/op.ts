/**
 * The operations that change /etc/mosix, as one value: run in-process by a root agent, or by
 * `sudo -n -- node <bundle> --config-op` for an agent that is not. Either way the op is checked
 * again here with the methods' own schemas: the root side trusts nothing it is given.
 */
import { hostname } from 'node:os';
import * as z from 'zod/mini';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import { issueSentence } from '../protocol/issueSentence';
import { paramsSchemas, type Params } from '../protocol/methods';
import type { StageResult, SwitchResult } from '../protocol/configTypes';
import { ConfigFileError } from './files';
import { withLock } from './lock';
import { configPaths, type ConfigPaths } from './paths';
import { recover } from './recovery';
import { stageApply, writeCause } from './stage';
import { discardApply, switchApply } from './switch';
import { validateOnNode } from './validation';

export type ConfigOp =
  | { op: 'stage'; params: Params<'config.stage'> }
  | { op: 'switch'; params: Params<'config.switch'> }
  | { op: 'discard'; params: Params<'config.discard'> }
  | { op: 'recover' };

export interface OpResults {
  stage: StageResult;
  switch: SwitchResult;
  discard: { removed: boolean };
  recover: { finished: string[] };
}

const opSchema = z.union([
  z.strictObject({ op: z.literal('stage'), params: paramsSchemas['config.stage'] }),
  z.strictObject({ op: z.literal('switch'), params: paramsSchemas['config.switch'] }),
  z.strictObject({ op: z.literal('discard'), params: paramsSchemas['config.discard'] }),
  z.strictObject({ op: z.literal('recover') }),
]);

export function parseOp(raw: unknown): ConfigOp {
  const parsed = opSchema.safeParse(raw);
  if (!parsed.success)
    throw new RpcError(RpcErrorCode.InvalidParams, `Invalid config operation: ${issueSentence(parsed.error.issues)}.`);
  return parsed.data as ConfigOp;
}

const causeOf = (err: unknown, paths: ConfigPaths): string =>
  err instanceof ConfigFileError ? err.message : writeCause(err, paths.dir);

async function run(op: ConfigOp, paths: ConfigPaths): Promise<OpResults[ConfigOp['op']]> {
  if (op.op === 'recover') return { finished: await recover(paths) };
  await recover(paths);
  if (op.op === 'stage') return stageApply(paths, op.params, validateOnNode);
  if (op.op === 'switch') return switchApply(paths, op.params.applyId);
  return discardApply(paths, op.params.applyId);
}

/** Runs a checked op on this node's /etc/mosix; a failure to write is data for stage and switch. */
export async function executeOp(op: ConfigOp, paths: ConfigPaths = configPaths()): Promise<unknown> {
  try {
    return await withLock(paths, () => run(op, paths));
  } catch (err) {
    const host = hostname();
    if (op.op === 'stage')
      return {
        staged: false,
        applyId: op.params.applyId,
        conflicts: [],
        problems: [],
        reason: `could not stage on ${host}: ${causeOf(err, paths)}`,
      };
    if (op.op === 'switch')
      return {
        switched: false,
        applyId: op.params.applyId,
        reason: `could not switch on ${host}: ${causeOf(err, paths)} (a switch begun is finished by the next config call)`,
        now: [],
      };
    if (err instanceof RpcError) throw err;
    throw new RpcError(RpcErrorCode.CommandFailed, `could not change ${paths.dir} on ${host}: ${causeOf(err, paths)}`);
  }
}

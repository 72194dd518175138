/**
 * The mosix engine's pure half: parsers of the MOSIX tools' output (text in, data out, never a
 * throw: a line that cannot be read comes back as a problem) and builders of their argv (which
 * throw MosixArgumentError for any value that must not reach a tool).
 */
export type { LineProblem, NodeAddress, NodeRef } from './types';
export { parseMosps, type MospsResult, type MospsRow } from './mosps';
export type { MospsColumn } from './mospsHeader';
export {
  parseMosctlStatus,
  type Accept,
  type DaemonState,
  type MemoryFigure,
  type MosctlStatus,
  type MosctlStatusResult,
} from './mosctlStatus';
export { parseSetpe, type SetpeNode, type SetpeRange, type SetpeResult } from './setpe';
export { parseMosq, type MosqOptions, type MosqResult, type MosqRow } from './mosq';
export {
  migrateArgs,
  moskillallArgs,
  mosqArgs,
  MIGRATE_WORDS,
  MOSQ_OPS,
  targetArg,
  type MigrateAction,
  type MigrateTarget,
  type MigrateWord,
  type MosqOp,
  type MosqParams,
} from './args';
export { checkedNode, checkedPid, MAX_JOB_ID, MAX_PID, MAX_QUEUE_PRIORITY, MosixArgumentError } from './argCheck';
export { signalNumber } from './signals';
export { mosixProgram, MOSIX_TOOLS, type MosixGeneration, type MosixTool } from './programs';

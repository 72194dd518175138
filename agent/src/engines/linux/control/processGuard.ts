import { RpcError, RpcErrorCode } from '../../../protocol/errors';
import type { AgentUser } from '../../../protocol/types';
import { type ProcIdentity, readProcIdentity } from '../procIdentity';

export type Verb = 'freeze' | 'continue' | 'signal';

/**
 * Checks that the agent may act on `pid` and says why not in words a person can act on:
 * never init, never the agent or the session that runs it, never kernel threads, and another
 * user's process only as root (the kernel would refuse anyway; this says whose it is).
 */
export function guardProcess(
  pid: number,
  verb: Verb,
  user: AgentUser,
  ownerName: (uid: number) => string,
): ProcIdentity {
  if (pid === 1)
    throw new RpcError(RpcErrorCode.PermissionDenied, `Process 1 is the node's init; mosdesk will not ${verb} it.`);
  if (pid === process.pid || pid === process.ppid) {
    throw new RpcError(
      RpcErrorCode.PermissionDenied,
      `Process ${pid} is the mosdesk agent's own session; it will not ${verb} itself.`,
    );
  }
  const id = readProcIdentity(pid);
  if (!id) throw new RpcError(RpcErrorCode.NotFound, `No process ${pid} on this node (it may have ended).`);
  if (id.kernelThread)
    throw new RpcError(
      RpcErrorCode.Unsupported,
      `Process ${pid} is a kernel thread; it cannot be ${verb === 'signal' ? 'signalled' : `${verb}d`}.`,
    );
  if (!user.isRoot && id.uid !== user.uid) {
    const owner = ownerName(id.uid);
    throw new RpcError(
      RpcErrorCode.PermissionDenied,
      `Process ${pid} belongs to ${owner}; this agent runs as ${user.name}, and only ${owner} or root may ${verb} it.`,
    );
  }
  return id;
}

/** Sends a signal; false when the process has already gone. EPERM becomes a readable error. */
export function sendSignal(pid: number, signal: NodeJS.Signals, user: AgentUser): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return false;
    if (code === 'EPERM') {
      throw new RpcError(
        RpcErrorCode.PermissionDenied,
        `The kernel refused ${signal} to process ${pid} for ${user.name}.`,
      );
    }
    throw err;
  }
}

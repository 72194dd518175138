/** The root side's one-line answer: `{ok: true, value}` or `{ok: false, error: {code, message}}`. Pure. */
import { RpcError, RpcErrorCode } from '../protocol/errors';

export type OpReply = { ok: true; value: unknown } | { ok: false; error: { code: number; message: string } };

const CODES = new Set<number>(Object.values(RpcErrorCode));

export function formatOpReply(reply: OpReply): string {
  return `${JSON.stringify(reply)}\n`;
}

/** The value of a reply, or its error thrown as an RpcError; `noReply` says what happened when there is none. */
export function parseOpReply(stdout: string, noReply: () => string): unknown {
  let reply: unknown;
  try {
    reply = JSON.parse(stdout.trim().split('\n').pop() ?? '');
  } catch {
    throw new RpcError(RpcErrorCode.CommandFailed, noReply());
  }
  const r = reply as Partial<{ ok: boolean; value: unknown; error: { code: unknown; message: unknown } }>;
  if (r?.ok === true && 'value' in r) return r.value;
  if (r?.ok === false && typeof r.error?.message === 'string') {
    const code =
      typeof r.error.code === 'number' && CODES.has(r.error.code) ? r.error.code : RpcErrorCode.CommandFailed;
    throw new RpcError(code as RpcErrorCode, r.error.message);
  }
  throw new RpcError(RpcErrorCode.CommandFailed, noReply());
}

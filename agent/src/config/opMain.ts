/** `node <bundle> --config-op`: one op as JSON on stdin, run as root, its reply as JSON on stdout. */
import { RpcError, RpcErrorCode } from '../protocol/errors';
import { executeOp, parseOp } from './op';
import { formatOpReply, type OpReply } from './opReply';

/** 64 changes of 256 KiB each, JSON-escaped: well under this. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > MAX_INPUT_BYTES) throw new RpcError(RpcErrorCode.RequestTooLarge, 'The config operation is too large.');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function reply(input: NodeJS.ReadableStream): Promise<OpReply> {
  try {
    if (process.getuid?.() !== 0)
      throw new RpcError(RpcErrorCode.PermissionDenied, '--config-op runs as root only (through sudo -n).');
    let raw: unknown;
    try {
      raw = JSON.parse(await readAll(input));
    } catch (err) {
      if (err instanceof RpcError) throw err;
      throw new RpcError(RpcErrorCode.ParseError, 'The config operation is not JSON.');
    }
    return { ok: true, value: await executeOp(parseOp(raw)) };
  } catch (err) {
    if (!(err instanceof RpcError))
      process.stderr.write(`mosdesk-agent --config-op: ${(err as Error).stack ?? String(err)}\n`);
    const e =
      err instanceof RpcError ? err : new RpcError(RpcErrorCode.InternalError, 'Internal agent error in --config-op.');
    return { ok: false, error: { code: e.code, message: e.message } };
  }
}

export async function configOpMain(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<number> {
  const r = await reply(input);
  output.write(formatOpReply(r));
  return r.ok ? 0 : 1;
}

import type { Readable, Writable } from 'node:stream';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import { MAX_LINE_BYTES, READY_MARKER } from '../protocol/version';
import { Admission } from './admission';
import type { Engine } from '../engines/engine';
import type { Ctx, Logger } from './context';
import { dispatchLine, errorResponse } from './dispatch';
import { LineSplitter } from '../protocol/framing';

/**
 * Serves JSON-RPC on a pair of streams until the input ends. Returns when it has ended and
 * every stream the session started has been stopped.
 */
export function serve(input: Readable, output: Writable, log: Logger, engine: Engine): Promise<void> {
  const send = (message: unknown): void => {
    output.write(`${JSON.stringify(message)}\n`);
  };
  const ctx: Ctx = {
    greeted: false,
    log,
    engine,
    subscriptions: new Map(),
    session: new Map(),
    notify: (method, params) => send({ jsonrpc: '2.0', method, params }),
    canWrite: () => !output.writableNeedDrain,
  };
  const splitter = new LineSplitter(MAX_LINE_BYTES);
  // Bounds the requests in work (see LIMITS); nothing new starts while our answers wait to drain.
  const admission = new Admission(undefined, () => !output.writableNeedDrain);
  output.on('drain', () => admission.kick());
  output.write(`${READY_MARKER}\n`);

  return new Promise((resolve) => {
    input.on('data', (chunk: Buffer) => {
      for (const event of splitter.push(chunk)) {
        if (event.kind === 'tooLong') {
          const err = new RpcError(
            RpcErrorCode.RequestTooLarge,
            `A request line may be at most ${MAX_LINE_BYTES} bytes; this one was longer and was skipped.`,
          );
          send(errorResponse(null, err));
          continue;
        }
        void dispatchLine(event.line, ctx, admission).then((response) => {
          if (response) send(response);
        });
      }
    });
    input.on('close', () => {
      admission.close();
      for (const sub of ctx.subscriptions.values()) sub.stop();
      ctx.subscriptions.clear();
      resolve();
    });
  });
}

import type * as z from 'zod/mini';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import { issueSentence } from '../protocol/issueSentence';
import { type AgentMethod, type Params, paramsSchemas, type Result } from '../protocol/methods';
import type { Ctx } from '../server/context';

export type Handler = (rawParams: unknown, ctx: Ctx) => Promise<unknown>;

/** The first schema issue as a sentence a person can act on. */
function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  return issue && issue.path.length > 0
    ? `Invalid params: ${issueSentence(error.issues)}.`
    : `Invalid params: params: ${issue?.message ?? 'invalid'}.`;
}

/** Each handler checks its params against the method's schema before it runs. */
export function defineHandler<M extends AgentMethod>(
  method: M,
  run: (params: Params<M>, ctx: Ctx) => Promise<Result<M>>,
): Handler {
  const schema = paramsSchemas[method] as unknown as z.ZodMiniType<Params<M>>;
  return async (rawParams, ctx) => {
    const parsed = schema.safeParse(rawParams ?? {});
    if (!parsed.success) throw new RpcError(RpcErrorCode.InvalidParams, describeIssue(parsed.error));
    return run(parsed.data, ctx);
  };
}

/** A file's share of the handler table, keyed by documented method names only. */
export type HandlerGroup = Partial<Record<AgentMethod, Handler>>;

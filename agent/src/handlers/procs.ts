import type { ProcReader } from '../engines/engine';
import { limitRows } from '../engines/linux/processes/filters';
import type { Ctx } from '../server/context';
import { defineHandler, type HandlerGroup } from './define';

const READER_KEY = 'procs.reader';

/** One reader per session, so a list's CPU% covers the time since the session's previous list. */
function sessionReader(ctx: Ctx): ProcReader {
  let reader = ctx.session.get(READER_KEY) as ProcReader | undefined;
  if (!reader) {
    reader = ctx.engine.processes('list');
    ctx.session.set(READER_KEY, reader);
  }
  return reader;
}

export const procsHandlers = {
  'procs.list': defineHandler('procs.list', async ({ limit, ...filter }, ctx) => {
    const { at, rows } = await sessionReader(ctx).read(filter);
    return { at, ...limitRows(rows, limit) };
  }),
} satisfies HandlerGroup;

import { ProcessScanner } from '../engines/linux/processes/scanner';
import { limitRows } from '../engines/linux/processes/filters';
import { readProcTable } from '../engines/linux/processes/table';
import type { Ctx } from '../server/context';
import { defineHandler, type HandlerGroup } from './define';

const SCANNER_KEY = 'procs.scanner';

/** One scanner per session, so a list's CPU% covers the time since the session's previous list. */
function sessionScanner(ctx: Ctx): ProcessScanner {
  let scanner = ctx.session.get(SCANNER_KEY);
  if (!(scanner instanceof ProcessScanner)) {
    scanner = new ProcessScanner(ctx.log);
    ctx.session.set(SCANNER_KEY, scanner);
  }
  return scanner as ProcessScanner;
}

export const procsHandlers = {
  'procs.list': defineHandler('procs.list', async ({ limit, ...filter }, ctx) => {
    const { at, rows } = readProcTable(sessionScanner(ctx), ctx.services.annotations, filter);
    return { at, ...limitRows(rows, limit) };
  }),
} satisfies HandlerGroup;

/** mosctl status | localstatus | rstatus [node] | whois [node], and setpe -r | -R. */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAlive } from '../procInfo';
import { onNode } from '../remote';
import { addressOf, nodeByName } from '../self';
import { localStatusText, setpeText, type StatusFigures, statusText } from '../statusText';
import { type Context, context, print } from './common';

function meminfoMb(text: string, key: string): number {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(text);
  return m ? Math.floor(Number(m[1]) / 1024) : 0;
}

function figures(ctx: Context): StatusFigures {
  const mem = readFileSync('/proc/meminfo', 'utf8');
  const here = ctx.self.number;
  const mine = ctx.state.procs.filter((r) => r.home === here && isAlive(r.pid, r.start));
  const guests = ctx.state.procs.filter((r) => r.guest && r.where === here && r.home !== here);
  return {
    load: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
    cpus: availableParallelism(),
    frozen: mine.filter((r) => r.frz === 'M').length,
    procs: mine.filter((r) => !r.guest).length + guests.filter((r) => isAlive(r.guest!.pid, r.guest!.start)).length,
    memAvailableMb: meminfoMb(mem, 'MemAvailable'),
    memTotalMb: meminfoMb(mem, 'MemTotal'),
    swapAvailableMb: meminfoMb(mem, 'SwapFree'),
    swapTotalMb: meminfoMb(mem, 'SwapTotal'),
  };
}

function whois(ctx: Context, node: string | undefined): string {
  const n = node === undefined ? ctx.self.number : nodeByName(ctx.self.map, ctx.state.hosts, node);
  if (node !== undefined && !/^\d+$/.test(node)) return `${n}\n`;
  return `${ctx.state.hosts[String(n)] ?? addressOf(ctx.self.map, n)}\n`;
}

export function mosctl(args: string[]): number {
  const [sub, node, ...rest] = args;
  const ctx = context();
  if (rest.length > 0) throw new Error(`too many arguments`);
  if (sub === 'whois') return print(whois(ctx, node));
  if (sub === 'localstatus' && node === undefined) return print(localStatusText(figures(ctx)));
  if (sub !== 'status' && sub !== 'rstatus') throw new Error(`the stand-in does not do mosctl ${sub ?? '(nothing)'}`);
  const n = node === undefined ? ctx.self.number : nodeByName(ctx.self.map, ctx.state.hosts, node);
  if (n === ctx.self.number) return print(statusText(figures(ctx)));
  const r = onNode(addressOf(ctx.self.map, n), 'mosctl', ['status']);
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  return r.code;
}

export function setpe(args: string[]): number {
  if (args.length !== 1 || (args[0] !== '-r' && args[0] !== '-R'))
    throw new Error('the stand-in setpe only prints the map: setpe -r | -R');
  const { self } = context();
  process.stdout.write(setpeText(self.map, { address: self.address, host: self.host }, args[0] === '-R'));
  return 0;
}

/**
 * The MOSIX stand-in (test equipment, never shipped): MOSIX's user tools for the test cluster's
 * nodes, where MOSIX itself cannot be installed. One bundle; each wrapper on a node's PATH runs it
 * as `/usr/bin/node standin.cjs <tool> <arguments>`. See README.md beside this file.
 */
import { mosrun } from './tools/mosrun';
import { migrate } from './tools/migrate';
import { guest, guestRun, moskillall, signalHere, testload } from './tools/others';
import { mosps, mosq } from './tools/queueAndPs';
import { mosctl, setpe } from './tools/status';

const TOOLS: Record<string, (args: string[]) => number | Promise<number>> = {
  mosctl,
  setpe,
  mossetpe: setpe,
  mosps,
  _mosrun: mosrun,
  mosq,
  migrate,
  mosmigrate: migrate,
  moskillall,
  testload,
  mostestload: testload,
  _guest: guest,
  '_guest-run': guestRun,
  _signal: signalHere,
};

async function main(): Promise<void> {
  const [tool = '', ...args] = process.argv.slice(2);
  const shown = tool === '_mosrun' ? 'mosrun' : tool;
  const run = Object.hasOwn(TOOLS, tool) ? TOOLS[tool] : undefined;
  if (!run) {
    process.stderr.write(`mosix stand-in: no tool "${tool}" (${Object.keys(TOOLS).join(', ')})\n`);
    process.exit(2);
  }
  try {
    process.exitCode = await run(args);
  } catch (err) {
    process.stderr.write(`${shown}: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}

void main();

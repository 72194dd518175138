import { configOpMain } from './config/opMain';
import { selectEngine } from './engines/select';
import { finishInterruptedAtStart } from './handlers/config';
import { AGENT_VERSION, PROTOCOL_VERSION } from './protocol/version';
import type { Logger } from './server/context';
import { serve } from './server/serve';

/** Logs go to stderr: stdout is the wire. */
const log: Logger = {
  info: (message) => process.stderr.write(`mosdesk-agent: ${message}\n`),
  error: (message, err) =>
    process.stderr.write(`mosdesk-agent: ${message}${err instanceof Error ? `: ${err.stack ?? err.message}` : ''}\n`),
};

const USAGE = `usage: mosdesk-agent serve --stdio | --version | --config-op (as root, an op on stdin)`;

/** The oldest Node the bundle is built for; older ones would fail somewhere in the middle. */
const MIN_NODE_MAJOR = 18;

async function main(argv: string[]): Promise<number> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < MIN_NODE_MAJOR) {
    process.stderr.write(`mosdesk-agent: needs Node.js ${MIN_NODE_MAJOR} or newer; this is ${process.version}\n`);
    return 3;
  }
  if (argv[0] === '--version') {
    process.stdout.write(`${AGENT_VERSION} protocol ${PROTOCOL_VERSION}\n`);
    return 0;
  }
  if (argv[0] === '--config-op' && argv.length === 1) return configOpMain(process.stdin, process.stdout);
  if (argv[0] === 'serve' && argv[1] === '--stdio' && argv.length === 2) {
    const engine = await selectEngine(log);
    void finishInterruptedAtStart(engine.user, log);
    await serve(process.stdin, process.stdout, log, engine);
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

void main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    log.error('fatal', err);
    process.exitCode = 1;
  },
);

/** Browser mode: the same hub and renderer as the desktop app, served on 127.0.0.1. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { messageOf } from '../hub/errors';
import { createHub } from '../hub/hub';
import { stderrLog } from '../hub/log';
import { MemorySecretStore } from '../hub/secrets/secretStore';
import { openBrowser } from './openBrowser';
import { startWebServer } from './server';

declare const __MOSDESK_VERSION__: string;

function portFromArgs(argv: string[]): number {
  const i = argv.indexOf('--port');
  const raw = i >= 0 ? argv[i + 1] : process.env.MOSDESK_PORT;
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535, not ${JSON.stringify(raw)}.`);
  }
  return port;
}

/**
 * The same folder Electron uses for userData on Linux (~/.config/mosdesk), so both shells see
 * the same clusters; `--user-data DIR` or MOSDESK_USER_DATA choose another.
 */
function userDataFromArgs(argv: string[]): string {
  const i = argv.indexOf('--user-data');
  const given = i >= 0 ? argv[i + 1] : process.env.MOSDESK_USER_DATA;
  if (given !== undefined) {
    if (given === '' || given.startsWith('--')) throw new Error('--user-data needs a folder.');
    return resolve(given);
  }
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'mosdesk');
}

async function main(argv: string[]): Promise<void> {
  const hub = createHub({
    version: __MOSDESK_VERSION__,
    shell: 'browser',
    agentBundlePath: resolve(__dirname, '../agent/mosdesk-agent.cjs'),
    nodePath: process.execPath,
    log: stderrLog,
    // Browser mode has no OS keychain: passphrases are kept in memory only, never on disk.
    ssh: { userDataDir: userDataFromArgs(argv), secrets: new MemorySecretStore() },
  });
  const server = await startWebServer({
    hub,
    rendererDir: resolve(__dirname, '../renderer'),
    log: stderrLog,
    port: portFromArgs(argv),
  });
  process.stdout.write(`mosdesk browser mode: ${server.url}\n`);
  if (argv.includes('--open') && openBrowser(server.url)) {
    process.stdout.write('Opened it in your browser.\n');
  }
  const shutdown = (): void => {
    hub.close();
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`mosdesk: ${messageOf(err)}\n`);
  process.exit(1);
});

/**
 * `npm run dev`: the renderer from Vite's dev server with hot reload, talking to a real hub.
 * The hub runs in this process (browser-mode server on 127.0.0.1); Vite proxies /hub to it.
 * Changes to the renderer reload at once; changes to the hub or agent need a restart.
 */
import { createServer } from 'vite';
import { createHub } from '../../electron/hub/hub';
import { stderrLog } from '../../electron/hub/log';
import { HUB_SOCKET_PATH, startWebServer } from '../../electron/web/server';
import { buildParts } from './build';
import { AGENT_BUNDLE, fromRoot, readPackageVersion } from './paths';

const VITE_PORT = Number(process.env.MOSDESK_DEV_PORT ?? 5173);
const viteOrigin = `http://127.0.0.1:${VITE_PORT}`;

async function main(): Promise<void> {
  await buildParts(['agent']);
  const hub = createHub({
    version: `${readPackageVersion()}-dev`,
    shell: 'browser',
    agentBundlePath: AGENT_BUNDLE,
    nodePath: process.execPath,
    log: stderrLog,
  });
  const web = await startWebServer({
    hub,
    rendererDir: fromRoot('dist/renderer'),
    log: stderrLog,
    devOrigins: [viteOrigin],
  });
  const vite = await createServer({
    configFile: fromRoot('renderer/vite.config.ts'),
    server: {
      host: '127.0.0.1',
      port: VITE_PORT,
      strictPort: true,
      proxy: { [HUB_SOCKET_PATH]: { target: `ws://127.0.0.1:${web.port}`, ws: true, changeOrigin: true } },
    },
  });
  await vite.listen();
  const token = new URL(web.url).searchParams.get('token') ?? '';
  console.log(`mosdesk dev: ${viteOrigin}/?token=${token}`);
  const stop = (): void => {
    hub.close();
    void Promise.all([vite.close(), web.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`mosdesk dev: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

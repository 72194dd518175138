/** The Electron shell: one window around the hub. Everything worth testing lives in the hub. */
import { join } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { createHub, type Hub } from '../hub/hub';
import { stderrLog } from '../hub/log';
import { EncryptedFileSecretStore } from '../hub/secrets/secretStore';
import { denyAllPermissions, hardenWebContents } from './hardening';
import { connectWindowToHub } from './ipc';
import { installMenu } from './menu';
import { safeStorageCipher } from './safeStorageCipher';
import { registerAppScheme, rendererDirOf, serveRenderer } from './rendererProtocol';
import { createMainWindow } from './window';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let hub: Hub | null = null;
  registerAppScheme();
  hardenWebContents();
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  void app.whenReady().then(() => {
    denyAllPermissions();
    serveRenderer(rendererDirOf(__dirname));
    installMenu();
    hub = createHub({
      version: app.getVersion(),
      shell: 'electron',
      agentBundlePath: app.isPackaged
        ? join(process.resourcesPath, 'agent', 'mosdesk-agent.cjs')
        : join(__dirname, '../agent/mosdesk-agent.cjs'),
      nodePath: process.execPath,
      log: stderrLog,
      ssh: {
        userDataDir: app.getPath('userData'),
        secrets: EncryptedFileSecretStore.inDir(app.getPath('userData'), safeStorageCipher()),
      },
    });
    win = createMainWindow(__dirname);
    connectWindowToHub(win, hub);
    win.on('closed', () => (win = null));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => hub?.close());
}

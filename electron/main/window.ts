import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_URL } from './rendererProtocol';

/** The one window, with Electron's secure defaults spelled out rather than assumed. */
export function createMainWindow(mainDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'mosdesk',
    backgroundColor: '#0b1120',
    show: false,
    webPreferences: {
      preload: join(mainDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}

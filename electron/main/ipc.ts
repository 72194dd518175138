import { type BrowserWindow, ipcMain, type WebFrameMain } from 'electron';
import type { Reply } from '../api';
import type { Hub } from '../hub/hub';
import { APP_ORIGIN } from './rendererProtocol';

const fail = (message: string): Reply<never> => ({ ok: false, error: { code: 'forbidden', message } });

function isOurPage(frame: WebFrameMain | null): boolean {
  if (!frame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * Wires a window to the hub: calls come in on `hub:call` (only from our own page), events go
 * out on `hub:event:<name>`. The hub validates method names and params; errors return as data.
 */
export function connectWindowToHub(win: BrowserWindow, hub: Hub): void {
  const contents = win.webContents;
  const conn = hub.connect((event, payload) => {
    if (!contents.isDestroyed()) contents.send(`hub:event:${event}`, payload);
  });
  const handler = async (e: Electron.IpcMainInvokeEvent, method: unknown, params: unknown): Promise<Reply<unknown>> => {
    if (e.sender !== contents || !isOurPage(e.senderFrame)) return fail('Request from an unknown page.');
    return conn.call(method, params);
  };
  ipcMain.handle('hub:call', handler);
  win.on('closed', () => {
    ipcMain.removeHandler('hub:call');
    conn.close();
  });
}

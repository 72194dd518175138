/**
 * The preload: exposes the hub API as `window.hub` and nothing else. Names are checked
 * against the API's tables here too, so a compromised page cannot reach other IPC channels.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { type HubBridge, isEventName, isMethod, type Reply } from '../api';

const bridge: HubBridge = {
  call: (method: string, params: unknown): Promise<Reply<unknown>> =>
    isMethod(method)
      ? (ipcRenderer.invoke('hub:call', method, params) as Promise<Reply<unknown>>)
      : Promise.reject(new Error(`Unknown hub method "${String(method)}"`)),
  on: (event: string, cb: (payload: unknown) => void): (() => void) => {
    if (!isEventName(event)) throw new Error(`Unknown hub event "${String(event)}"`);
    const listener = (_e: IpcRendererEvent, payload: unknown): void => cb(payload);
    ipcRenderer.on(`hub:event:${event}`, listener);
    return () => ipcRenderer.off(`hub:event:${event}`, listener);
  },
};

contextBridge.exposeInMainWorld('hub', bridge);

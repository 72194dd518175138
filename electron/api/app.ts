/** The hub API's app group: what the window asks about the app itself, and the hub's notices. */
import type { NoParams } from './common';

export interface AppInfo {
  version: string;
  /** Which shell carries the hub API to this window. */
  shell: 'electron' | 'browser';
}

/** Something the user should know that belongs to no node: a damaged saved file, say. */
export interface HubNotice {
  noticeId: string;
  level: 'warning' | 'error';
  /** Sentences for the user: what happened, what was done, what they can do. */
  text: string;
  /** When it was last raised (ms since the epoch). */
  at: number;
}

export interface AppRequests {
  'app.info': { params: NoParams; result: AppInfo };
  /** The hub's notices that nobody has dismissed yet. */
  'notices.list': { params: NoParams; result: HubNotice[] };
  /** Dismisses a notice, in every window. */
  'notices.dismiss': { params: { noticeId: string }; result: { dismissed: boolean } };
}

export interface AppEvents {
  /** A notice was raised or dismissed: the whole list as it is now. */
  'notices.changed': { notices: HubNotice[] };
}

export const APP_METHODS = { 'app.info': 1, 'notices.list': 1, 'notices.dismiss': 1 } as const satisfies Record<
  keyof AppRequests,
  1
>;
export const APP_EVENTS = { 'notices.changed': 1 } as const satisfies Record<keyof AppEvents, 1>;

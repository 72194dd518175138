import { inject, type InjectionKey } from 'vue';
import type { HubClient } from '../../../electron/api';

export const HUB_KEY: InjectionKey<HubClient> = Symbol('hub');

/** The hub client provided at app start; stores and composables get it here. */
export function useHub(): HubClient {
  const hub = inject(HUB_KEY);
  if (!hub) throw new Error('useHub() called outside the app (no hub provided).');
  return hub;
}

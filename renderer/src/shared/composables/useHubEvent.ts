import { onScopeDispose } from 'vue';
import type { EventName, HubEvents } from '../../../../electron/api';
import { useHub } from '../../hub/useHub';

/** Listens to a hub event for as long as the calling component or store lives. */
export function useHubEvent<E extends EventName>(event: E, cb: (payload: HubEvents[E]) => void): void {
  const off = useHub().on(event, cb);
  onScopeDispose(off);
}

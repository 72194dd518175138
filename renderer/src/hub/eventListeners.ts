import type { EventName, HubEvents } from '../../../electron/api';

type AnyListener = (payload: never) => void;

/** Listener sets per hub event, shared by both transports. */
export class EventListeners {
  private readonly byEvent = new Map<EventName, Set<AnyListener>>();

  add<E extends EventName>(event: E, cb: (payload: HubEvents[E]) => void): () => void {
    let set = this.byEvent.get(event);
    if (!set) this.byEvent.set(event, (set = new Set()));
    set.add(cb as AnyListener);
    return () => set.delete(cb as AnyListener);
  }

  emit(event: EventName, payload: unknown): void {
    for (const cb of this.byEvent.get(event) ?? []) (cb as (p: unknown) => void)(payload);
  }
}

import { createPinia, type Pinia, setActivePinia } from 'pinia';
import { createApp } from 'vue';
import type { EventName, HubClient, HubEvents, Method, Params, Result } from '../../../../electron/api';
import { HUB_KEY } from '../../../../renderer/src/hub/useHub';

type Handler<M extends Method> = (params: Params<M>) => Result<M> | Promise<Result<M>>;
type AnyHandler = (params: never) => unknown;

/** A HubClient whose answers the test sets, and whose events the test emits. */
export class FakeHub implements HubClient {
  readonly calls: { method: Method; params: unknown }[] = [];
  private readonly handlers = new Map<Method, AnyHandler>();
  private readonly listeners = new Map<EventName, Set<(p: never) => void>>();

  handle<M extends Method>(method: M, handler: Handler<M>): this {
    this.handlers.set(method, handler as AnyHandler);
    return this;
  }

  async call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
    this.calls.push({ method, params });
    const handler = this.handlers.get(method) as Handler<M> | undefined;
    if (!handler) throw new Error(`Unknown hub method "${method}"`);
    return handler(params);
  }

  on<E extends EventName>(event: E, cb: (payload: HubEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(cb as (p: never) => void);
    return () => set.delete(cb as (p: never) => void);
  }

  emit<E extends EventName>(event: E, payload: HubEvents[E]): void {
    for (const cb of this.listeners.get(event) ?? []) (cb as (p: HubEvents[E]) => void)(payload);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  callsOf(method: Method): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.params);
  }
}

/** A Pinia inside an app that provides `hub`, as main.ts wires it; stores made after this use it. */
export function piniaWith(hub: HubClient): Pinia {
  const pinia = createPinia();
  createApp({}).provide(HUB_KEY, hub).use(pinia);
  setActivePinia(pinia);
  return pinia;
}

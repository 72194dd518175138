import type { InjectionKey, Ref } from 'vue';
import type { LinkState } from './wsHubClient';

/** Whether the page still reaches the hub (browser mode can lose its server). */
export const LINK_STATE_KEY: InjectionKey<Ref<LinkState>> = Symbol('linkState');

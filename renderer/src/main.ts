import { createPinia } from 'pinia';
import { createApp, ref } from 'vue';
import type { HubBridge, HubClient } from '../../electron/api';
import App from './App.vue';
import { startTheme } from './frame/theme';
import { createBridgeHubClient } from './hub/bridgeHubClient';
import { LINK_STATE_KEY } from './hub/linkState';
import { HUB_KEY } from './hub/useHub';
import { createWsHubClient, type LinkState } from './hub/wsHubClient';
import { createAppRouter } from './router';
import './styles.css';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    hub?: HubBridge;
  }
}

const linkState = ref<LinkState>('open');
const hub: HubClient = window.hub
  ? createBridgeHubClient(window.hub)
  : createWsHubClient(window.location, (state) => (linkState.value = state));

startTheme();
createApp(App)
  .provide(HUB_KEY, hub)
  .provide(LINK_STATE_KEY, linkState)
  .use(createPinia())
  .use(createAppRouter())
  .mount('#app');

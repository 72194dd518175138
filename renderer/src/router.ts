import { createRouter, createWebHashHistory, type RouteLocationRaw, type RouteRecordRaw } from 'vue-router';
import AllClustersPage from './views/AllClustersPage.vue';
import ClusterPage from './views/ClusterPage.vue';
import ConfigurePage from './views/ConfigurePage.vue';
import HomePage from './views/HomePage.vue';
import JobsPage from './views/JobsPage.vue';
import MapPage from './views/MapPage.vue';
import MonitorPage from './views/MonitorPage.vue';
import NodeRoute from './views/NodeRoute.vue';
import ProcessesPage from './views/ProcessesPage.vue';
import QueuePage from './views/QueuePage.vue';

/**
 * Hash routes, so browser mode and the desktop app behave alike and a view survives a reload:
 * `#/c/<cluster>/monitor`, `#/c/<cluster>/processes`, `#/c/<cluster>/jobs`, `#/c/<cluster>/queue`, `#/c/<cluster>/map`, `#/c/<cluster>/configure`, `#/c/<cluster>/n/<node>`, `#/all`. Views that are not built have no route.
 */
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage },
  { path: '/all', name: 'all', component: AllClustersPage },
  {
    path: '/c/:clusterId',
    component: ClusterPage,
    props: true,
    children: [
      { path: '', redirect: (to) => ({ name: 'monitor', params: to.params }) },
      { path: 'monitor', name: 'monitor', component: MonitorPage, props: true },
      { path: 'processes', name: 'processes', component: ProcessesPage, props: true },
      { path: 'jobs', name: 'jobs', component: JobsPage, props: true },
      { path: 'queue', name: 'queue', component: QueuePage, props: true },
      { path: 'map', name: 'map', component: MapPage, props: true },
      { path: 'configure', name: 'configure', component: ConfigurePage, props: true },
      { path: 'n/:nodeId', name: 'node', component: NodeRoute, props: true },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
];

export const createAppRouter = () => createRouter({ history: createWebHashHistory(), routes });

export const monitorRoute = (clusterId: string): RouteLocationRaw => ({ name: 'monitor', params: { clusterId } });
/** A process (or job) to point out on arrival: the jobs list and the process view link to each other. */
export interface ProcessFocus {
  nodeId: string;
  pid: number;
}
const focusQuery = (focus?: ProcessFocus) => (focus ? { node: focus.nodeId, pid: String(focus.pid) } : {});

/** The focus a route's query asks for, when it names a node and a pid. */
export function focusOf(query: Record<string, unknown>): ProcessFocus | undefined {
  const { node, pid } = query;
  if (typeof node !== 'string' || typeof pid !== 'string' || !/^[1-9]\d{0,9}$/.test(pid)) return undefined;
  return { nodeId: node, pid: Number(pid) };
}

export const processesRoute = (clusterId: string, focus?: ProcessFocus): RouteLocationRaw => ({
  name: 'processes',
  params: { clusterId },
  query: focusQuery(focus),
});
/** `run`: open the Run dialog aimed at that node (the node page's "Run a job here"). */
export const jobsRoute = (clusterId: string, focus?: ProcessFocus, run?: string): RouteLocationRaw => ({
  name: 'jobs',
  params: { clusterId },
  query: { ...focusQuery(focus), ...(run ? { run } : {}) },
});
export const queueRoute = (clusterId: string): RouteLocationRaw => ({ name: 'queue', params: { clusterId } });
export const mapRoute = (clusterId: string): RouteLocationRaw => ({ name: 'map', params: { clusterId } });
export const configureRoute = (clusterId: string): RouteLocationRaw => ({ name: 'configure', params: { clusterId } });
export const nodeRoute = (clusterId: string, nodeId: string): RouteLocationRaw => ({
  name: 'node',
  params: { clusterId, nodeId },
});

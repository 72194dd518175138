import type { AgentMethod } from '../protocol/methods';
import type { Handler } from './define';
import { helloHandlers } from './hello';
import { metricsHandlers } from './metrics';

/** The handler table; `satisfies` fails the build when a documented method has no handler. */
export const handlers = { ...helloHandlers, ...metricsHandlers } satisfies Record<AgentMethod, Handler>;

import type { Method } from '../../api';
import { appSchemas } from './schemas/app';
import { clusterSchemas } from './schemas/clusters';
import type { SchemasOf } from './schemas/common';
import { configSchemas } from './schemas/config';
import { jobsSchemas } from './schemas/jobs';
import { metricsSchemas } from './schemas/metrics';
import { procsSchemas } from './schemas/procs';
import { queueSchemas } from './schemas/queue';
import { tasksSchemas } from './schemas/tasks';
import { trustSchemas } from './schemas/trust';

/** Every hub request's params, checked before a handler sees them. */
export const hubParamsSchemas: SchemasOf<Method> = {
  ...appSchemas,
  ...clusterSchemas,
  ...trustSchemas,
  ...metricsSchemas,
  ...procsSchemas,
  ...queueSchemas,
  ...jobsSchemas,
  ...tasksSchemas,
  ...configSchemas,
};

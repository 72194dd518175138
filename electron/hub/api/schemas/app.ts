import { z } from 'zod';
import type { AppRequests } from '../../../api';
import { id, noParams, type SchemasOf } from './common';

export const appSchemas: SchemasOf<keyof AppRequests> = {
  'app.info': noParams,
  'notices.list': noParams,
  'notices.dismiss': z.strictObject({ noticeId: id }),
};

/** Where a running tool finds the stand-in's files: beside its own bundle (argv[1]). */
import { dirname, join, resolve } from 'node:path';
import * as names from './names';

export const BUNDLE = resolve(process.argv[1] ?? '.');
const DIR = dirname(BUNDLE);
export const SHARED = join(DIR, names.SHARED_DIR);
export const SSH_CONFIG = join(DIR, names.SSH_CONFIG_FILE);
export const STATE = join(SHARED, names.STATE_FILE);
export const LOCK = join(SHARED, names.LOCK_DIR);
export const DECLINE = join(SHARED, names.DECLINE_FILE);
export const LOG = join(SHARED, names.LOG_FILE);
export const PROGRESS = join(SHARED, names.PROGRESS_DIR);

/**
 * The one import of the pure validator (agent/src/mosixConfig): the files as they would be, checked
 * against what this node looked up for them.
 */
import { factsNeeded, validateConfig } from '../mosixConfig/validate';
import type { ConfigIssue } from '../protocol/configTypes';
import { gatherFacts } from './facts';

export type Validate = (files: ReadonlyMap<string, string>) => Promise<ConfigIssue[]>;

export const validateOnNode: Validate = async (files) => validateConfig(files, await gatherFacts(factsNeeded(files)));

/**
 * The one import of the pure validator (agent/src/mosixConfig): the files as they would be, checked
 * against what this node looked up for them.
 */
import { factsNeeded, validateConfig } from '../mosixConfig/validate';
import type { NodeFacts } from '../mosixConfig/types';
import type { ConfigIssue } from '../protocol/configTypes';
import { gatherFacts } from './facts';

export type Validate = (files: ReadonlyMap<string, string>) => Promise<ConfigIssue[]>;

/** What this node looks up for `files`: their host names resolved, their freeze directories, its addresses. */
export const factsFor = (files: ReadonlyMap<string, string>): Promise<NodeFacts> => gatherFacts(factsNeeded(files));

export const validateOnNode: Validate = async (files) => validateConfig(files, await factsFor(files));

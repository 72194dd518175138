/**
 * The /etc/mosix configuration model: parse, validate and write every file mosdesk handles,
 * keeping comments, blank lines, order and unknown lines. Pure (no Node imports): the agent,
 * the hub and the renderer all use it.
 */
export { parseConfig, renderConfig } from './config';
export { configDrift } from './drift';
export { nodeNumbers } from './numbering';
export { factsNeeded, validateConfig } from './validate';
export { type ConfigDocument, type DocLine, editDocument, parseDocument, serialize } from './document';
export { freezeFormat } from './freezeFile';
export { mapFormat, userviewFormat } from './mapFile';
export { mosipFormat } from './mosipFile';
export { partnerFormat } from './partnerFile';
export { queueFormat } from './queueFile';
export { formatIPv4, MAX_NODES, MAX_PRIORITY, parseIPv4 } from './fields';
export * from './types';
export type { ConfigIssue } from '../protocol/configTypes';

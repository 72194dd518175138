/**
 * The stand-in's files, by name, shared by the cluster side (test/cluster/mosixStandIn.ts writes
 * them) and the tools (which find them beside their own bundle). Pure.
 *
 *   <stateDir>/mosix/standin.cjs   the bundle every tool runs (`/usr/bin/node standin.cjs <tool> ...`)
 *   <stateDir>/mosix/bin/          wrappers with MOSIX's names, overlaid onto /usr/local/bin
 *   <stateDir>/mosix/id_ed25519, ssh_config   node-to-node ssh for real migration
 *   <stateDir>/mosix/shared/       state.json (+ state.lock), decline, testload/, standin.log
 */
export const BUNDLE_FILE = 'standin.cjs';
export const BIN_DIR = 'bin';
export const KEY_FILE = 'id_ed25519';
export const SSH_CONFIG_FILE = 'ssh_config';
export const SHARED_DIR = 'shared';
/** In the shared dir: while it exists, migrate takes move requests (exit 0) and nothing moves. */
export const DECLINE_FILE = 'decline';
export const STATE_FILE = 'state.json';
export const LOCK_DIR = 'state.lock';
export const PROGRESS_DIR = 'testload';
export const LOG_FILE = 'standin.log';

/** The tools, by the names they are installed under (MOSIX2's, and MOSIX-3's renames). */
export const TOOLS = [
  'mosctl',
  'setpe',
  'mossetpe',
  'mosps',
  'mosrun',
  'mosq',
  'migrate',
  'mosmigrate',
  'moskillall',
  'testload',
  'mostestload',
] as const;

/** Where the nodes run the bundle with. */
export const NODE_BINARY = '/usr/bin/node';

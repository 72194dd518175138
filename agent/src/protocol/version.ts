/** Bump only for breaking changes; add a capability for anything additive. */
export const PROTOCOL_VERSION = 1;

/** The agent's own version; the hub redeploys when it differs from the bundle it carries. */
export const AGENT_VERSION = '0.1.0';

/**
 * The first line the agent writes on stdout. Everything before it (a login banner, a motd
 * printed by a shell rc file) is discarded by the client, so it can never confuse the parser.
 */
export const READY_MARKER = `mosdesk-agent ready protocol=${PROTOCOL_VERSION}`;

/** Longest request line the agent accepts, in bytes; longer lines are refused and skipped. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** The hub's log: stderr, one line per message. Secrets are never passed in. */
export interface HubLog {
  info(message: string): void;
  warn(message: string, err?: unknown): void;
}

export const stderrLog: HubLog = {
  info: (message) => process.stderr.write(`mosdesk: ${message}\n`),
  warn: (message, err) =>
    process.stderr.write(`mosdesk: ${message}${err instanceof Error ? `: ${err.stack ?? err.message}` : ''}\n`),
};

export const silentLog: HubLog = { info: () => undefined, warn: () => undefined };

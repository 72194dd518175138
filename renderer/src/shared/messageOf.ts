/** What went wrong, in words: an Error's message (a HubRequestError's is the hub's sentence), or anything else as a string. */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

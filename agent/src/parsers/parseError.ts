/** Thrown when a /proc file or command output does not have the shape we expect. */
export class ParseError extends Error {
  constructor(
    readonly source: string,
    detail: string,
  ) {
    super(`${source}: ${detail}`);
    this.name = 'ParseError';
  }
}

/** Quotes the start of a text for an error message, so a huge input cannot flood a log. */
export function excerpt(text: string, max = 80): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

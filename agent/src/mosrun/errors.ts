/** The option a problem is about, as written (`-m`, `-rmos1`), or null for the line as a whole. */
export interface MosrunProblem {
  option: string | null;
  message: string;
}

/** A pasted mosrun line that cannot be read: the message names the option and says why. */
export class MosrunParseError extends Error {
  constructor(
    readonly option: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'MosrunParseError';
  }
}

/** A MosrunOptions value that must not become a mosrun command line. */
export class MosrunBuildError extends Error {
  constructor(
    readonly option: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'MosrunBuildError';
  }
}

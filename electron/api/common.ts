/** Shapes every group of the hub API shares. */

/** Requests that take no parameters are sent with `{}`. */
export type NoParams = Record<string, never>;

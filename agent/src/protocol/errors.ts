/** A closed list of error codes; add one only when a caller must react differently. */
export const RpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** A call before `hello`. */
  NotInitialized: 1001,
  /** The caller speaks another protocol version; the hub redeploys the agent. */
  VersionMismatch: 1002,
  /** Capability missing on this node; `data.reason` says why. */
  Unsupported: 1003,
  NotFound: 1004,
  PermissionDenied: 1005,
  CommandFailed: 1006,
  Timeout: 1007,
  /** The request line was longer than MAX_LINE_BYTES. */
  RequestTooLarge: 1008,
  /**
   * The agent has as much work as it takes at once and a full queue; the request was not run.
   * `data.retryAfterMs` says when to try again. A caller may repeat a read; an action it must not
   * repeat unasked (the user chose it then, not now).
   */
  Busy: 1009,
} as const;
export type RpcErrorCode = (typeof RpcErrorCode)[keyof typeof RpcErrorCode];

export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export class RpcError extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'RpcError';
  }

  toJSON(): RpcErrorObject {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

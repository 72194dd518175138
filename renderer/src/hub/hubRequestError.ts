import type { HubErrorCode, HubErrorData } from '../../../electron/api';

/** A hub call that failed; `message` is written for the user. */
export class HubRequestError extends Error {
  readonly code: HubErrorCode;

  constructor(data: HubErrorData) {
    super(data.message);
    this.name = 'HubRequestError';
    this.code = data.code;
  }
}

// The engine's only exception: a query names something the snapshot does not hold, or a value out
// of range. Adapters map codes to exit codes / HTTP statuses.
export type EngineErrorCode = 'unknown-endpoint' | 'invalid-address' | 'invalid-port' | 'invalid-protocol' | 'invalid-cni';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    /** The stream's version now, or 0 when it does not exist. */
    readonly actualVersion: number,
  ) {
    super(
      actualVersion === 0
        ? `Stream ${streamId} does not exist (expected version ${expectedVersion})`
        : `Stream ${streamId} is at version ${actualVersion}, not the expected ${expectedVersion}`,
    );
  }
}

export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was already used for a different request`);
  }
}

export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

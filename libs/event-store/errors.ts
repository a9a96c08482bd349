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

/** An append refused because streams it was conditioned on are no longer at the versions read. */
export class StreamConditionFailedError extends Error {
  override readonly name = 'StreamConditionFailedError';
  constructor(
    readonly streamId: string,
    readonly failed: readonly { streamId: string; expectedVersion: number; actualVersion: number }[],
  ) {
    super(
      `Nothing was appended to ${streamId}: ` +
        failed
          .map((c) => `${c.streamId} is at version ${c.actualVersion}, not the expected ${c.expectedVersion}`)
          .join('; '),
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

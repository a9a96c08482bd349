/**
 * A place in the global commit order. Transactions commit out of `global_position` order, so the
 * order is (transaction id, position within the table), compared as a pair.
 */
export interface Position {
  readonly transactionId: bigint;
  readonly globalPosition: bigint;
}

export const START: Position = Object.freeze({ transactionId: 0n, globalPosition: 0n });

export function comparePositions(a: Position, b: Position): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  if (a.globalPosition !== b.globalPosition) return a.globalPosition < b.globalPosition ? -1 : 1;
  return 0;
}

/** The opaque token a client carries between a command and a later query ("read your writes"). */
export function formatPosition(position: Position): string {
  return `${position.transactionId}.${position.globalPosition}`;
}

/** The largest transaction id (xid8, unsigned 64 bits) and global position (bigint) PostgreSQL holds. */
const MAX_TRANSACTION_ID = 2n ** 64n - 1n;
const MAX_GLOBAL_POSITION = 2n ** 63n - 1n;

/** The position a token names, or undefined when it names none the database could hold. */
export function parsePosition(token: string): Position | undefined {
  const match = /^(\d{1,20})\.(\d{1,20})$/.exec(token.trim());
  if (!match) return undefined;
  const position = { transactionId: BigInt(match[1]), globalPosition: BigInt(match[2]) };
  if (position.transactionId > MAX_TRANSACTION_ID || position.globalPosition > MAX_GLOBAL_POSITION)
    return undefined;
  return position;
}

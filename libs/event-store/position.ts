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

export function parsePosition(token: string): Position | undefined {
  const match = /^(\d{1,20})\.(\d{1,20})$/.exec(token.trim());
  if (!match) return undefined;
  return { transactionId: BigInt(match[1]), globalPosition: BigInt(match[2]) };
}

interface Decider {
  rehydrate(history: never[]): unknown;
  getUncommittedEvents(): unknown[];
}
type EventOf<A extends Decider> = ReturnType<A['getUncommittedEvents']>[number];

/**
 * Given past events, when a decision is made, then these new events, or this refusal:
 * the shape of every aggregate test (after Emmett's DeciderSpecification).
 */
export function given<A extends Decider>(aggregate: A, ...history: EventOf<A>[]) {
  aggregate.rehydrate(history as never[]);
  return {
    when(decide: (aggregate: A) => void) {
      let error: unknown;
      try {
        decide(aggregate);
      } catch (caught) {
        error = caught;
      }
      return {
        then(...expected: unknown[]): void {
          if (error) throw error;
          expect(aggregate.getUncommittedEvents()).toEqual(expected);
        },
        thenRefuses(code: string, field?: string): void {
          expect(error).toMatchObject({
            code,
            ...(field ? { fields: [expect.objectContaining({ field })] } : {}),
          });
          expect(aggregate.getUncommittedEvents()).toEqual([]);
        },
      };
    },
  };
}

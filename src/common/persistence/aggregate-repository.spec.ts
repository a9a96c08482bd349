import { replayedResult } from './aggregate-repository.js';

describe('a retried command answered from its first answer', () => {
  const earlier = {
    version: 3,
    position: { transactionId: 812n, globalPosition: 1045n },
  };

  it('names the entity of a stream whose type holds a hyphen', () => {
    const id = '0190b2c4-7a1e-7cc1-9f5a-2f0c6c1d8e10';
    expect(
      replayedResult({ ...earlier, streamId: `ward-partnership-${id}`, streamType: 'ward-partnership' }),
    ).toEqual({ id, version: 3, position: '812.1045', replayed: true });
  });

  it('names what the first answer kept, when it kept an id of its own', () => {
    expect(
      replayedResult({ ...earlier, streamId: 'strategy-s1', streamType: 'strategy', answerId: 'theme-1' }),
    ).toMatchObject({ id: 'theme-1' });
  });
});

import { by } from '../testing/fixtures.js';
import { decisionEvents, decisionFrom } from '../testing/decisions.js';
import type { Decision } from './decision.aggregate.js';
import {
  decisionEffectOn,
  decisionStatusOn,
  inEffectFrom,
  refuseUnlessDecisionInEffect,
} from './decision-effect.js';

const timeline = (then: ((decision: Decision) => void)[] = [], input = {}) =>
  decisionFrom(decisionEvents('vcs-review', input, then)).timeline;
const fund = { kind: 'fund' as const, id: 'vcs-support' };
const callIn = (on: string) => (d: Decision) =>
  d.callIn({ calledInBy: ['Cllr D'], reasons: 'x', calledInOn: on }, by());
const referBack = (on: string) => (d: Decision) =>
  d.referBack({ referredBy: 'scrutiny-commission', concerns: 'x', referredOn: on }, by());

describe('whether a decision is in effect on a day', () => {
  const plain = timeline();

  it('is not before it was published', () => {
    expect(decisionEffectOn(plain, '2024-06-03')).toMatchObject({
      inEffect: false,
      reason: 'not-published',
      expectedOn: '2024-06-12',
    });
  });

  it('is not during its call-in window, and says when it will be', () => {
    expect(decisionEffectOn(plain, '2024-06-11')).toEqual({
      inEffect: false,
      reason: 'in-call-in-window',
      explanation:
        'Decision “Voluntary and community sector support review” is in its call-in period until the end of 11 June 2024: it takes effect on 12 June 2024 unless it is called in',
      expectedOn: '2024-06-12',
    });
  });

  it('is from the day after the window closed', () => {
    expect(decisionEffectOn(plain, '2024-06-12')).toEqual({
      inEffect: true,
      since: '2024-06-12',
      basis: 'call-in-window-closed',
    });
    expect(inEffectFrom(plain)).toBe('2024-06-12');
  });

  it('is from publication when urgent', () => {
    const urgent = timeline([], {
      urgency: {
        reason: 'x',
        agreement: { name: 'Cllr Chair', role: 'scrutiny-chair', agreedOn: '2024-06-04' },
      },
    });
    expect(decisionEffectOn(urgent, '2024-06-04')).toEqual({
      inEffect: true,
      since: '2024-06-04',
      basis: 'exempt-from-call-in',
    });
  });

  it('is suspended from the call-in until it is confirmed, however long after the window that is', () => {
    const calledIn = timeline([callIn('2024-06-06')]);
    expect(decisionEffectOn(calledIn, '2024-06-05')).toMatchObject({ reason: 'in-call-in-window' });
    expect(decisionEffectOn(calledIn, '2024-09-01')).toMatchObject({
      inEffect: false,
      reason: 'called-in',
      expectedOn: null,
    });
    expect(inEffectFrom(calledIn)).toBeNull();
    const confirmed = timeline([
      callIn('2024-06-06'),
      (d) => d.confirm({ reasons: 'No further action', confirmedOn: '2024-06-20' }, by()),
    ]);
    expect(decisionEffectOn(confirmed, '2024-06-19')).toMatchObject({ inEffect: false, reason: 'called-in' });
    expect(decisionEffectOn(confirmed, '2024-06-20')).toEqual({
      inEffect: true,
      since: '2024-06-20',
      basis: 'confirmed-after-call-in',
    });
  });

  it('takes effect as amended, and authorises only what the amended resolutions do', () => {
    const amended = timeline([
      callIn('2024-06-06'),
      referBack('2024-06-13'),
      (d) =>
        d.amend(
          {
            resolutions: [
              { text: 'Fund eight', authorises: [{ kind: 'fund', id: 'vcs-support-2', as: 'set-up' }] },
            ],
            reasons: 'x',
            amendedOn: '2024-06-20',
          },
          by(),
        ),
    ]);
    expect(decisionEffectOn(amended, '2024-06-15')).toMatchObject({ reason: 'referred-back' });
    expect(decisionEffectOn(amended, '2024-06-20', { kind: 'fund', id: 'vcs-support-2' })).toEqual({
      inEffect: true,
      since: '2024-06-20',
      basis: 'amended-after-call-in',
    });
    expect(decisionEffectOn(amended, '2024-06-20', fund)).toMatchObject({
      inEffect: false,
      reason: 'does-not-authorise',
    });
  });

  it('never is once rescinded', () => {
    const rescinded = timeline([
      callIn('2024-06-06'),
      referBack('2024-06-13'),
      (d) => d.rescind({ reasons: 'x', rescindedOn: '2024-06-20' }, by()),
    ]);
    expect(decisionEffectOn(rescinded, '2030-01-01')).toMatchObject({
      inEffect: false,
      reason: 'rescinded',
      expectedOn: null,
    });
    expect(inEffectFrom(rescinded)).toBeNull();
  });

  it('names its status on each day', () => {
    const story = timeline([
      callIn('2024-06-06'),
      referBack('2024-06-13'),
      (d) => d.confirm({ reasons: 'x', confirmedOn: '2024-06-20' }, by()),
    ]);
    expect(
      ['2024-06-03', '2024-06-05', '2024-06-06', '2024-06-13', '2024-06-20'].map((day) =>
        decisionStatusOn(story, day),
      ),
    ).toEqual(['not-published', 'published', 'called-in', 'referred-back', 'confirmed']);
    expect(decisionStatusOn(plain, '2024-06-12')).toBe('effective');
  });
});

describe('refusing what implements a decision not in effect', () => {
  const plain = timeline();

  it('refuses an award of its fund made during the call-in window, naming the field and the day expected', () => {
    expect(() => refuseUnlessDecisionInEffect(plain, '2024-06-10', fund, 'awardedOn')).toThrow(
      expect.objectContaining({
        code: 'decision.not-in-effect',
        fields: [expect.objectContaining({ field: 'awardedOn' })],
        extra: { decisionId: 'vcs-review', reason: 'in-call-in-window', expectedOn: '2024-06-12' },
      }),
    );
  });

  it('refuses what the decision does not authorise, and lets through what it does once in effect', () => {
    expect(() =>
      refuseUnlessDecisionInEffect(plain, '2024-06-12', { kind: 'award', id: 'a1' }, 'awardId'),
    ).toThrow(expect.objectContaining({ extra: expect.objectContaining({ reason: 'does-not-authorise' }) }));
    expect(() => refuseUnlessDecisionInEffect(plain, '2024-06-12', fund, 'awardedOn')).not.toThrow();
  });
});

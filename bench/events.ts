import { v7 as uuidv7 } from 'uuid';
import type { EventMetadata } from '../libs/event-store/index.js';
import type {
  ActionEvent,
  ActionPlanned,
  ActionProgressLogged,
  DueDateRevised,
  MilestoneAchieved,
  MilestoneAdded,
} from '../src/strategy/domain/action.events.js';
import type { PledgeMade } from '../src/strategy/domain/pledge.events.js';
import type { StrategyDrafted, ThemeAdded } from '../src/strategy/domain/strategy.events.js';
import type { Milestone, Rag } from '../src/strategy/domain/values.js';

/**
 * Realistic events for the benchmark: the shapes of src/strategy/domain/*.events.ts, with text of
 * the length officers write, so that JSON sizes, row sizes and the projections' work are real.
 * Content is drawn from a seeded generator, so every run writes the same kind of data.
 */

export type StreamKind = 'strategy' | 'pledge' | 'action';

export function newId(): string {
  return uuidv7();
}

export function streamIdFor(kind: StreamKind, id: string): string {
  return `${kind}-${id}`;
}

/** mulberry32: small, fast and deterministic. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

const OFFICERS = Array.from({ length: 8 }, () => uuidv7());

export function officer(random: Random): string {
  return random.pick(OFFICERS);
}

/** The metadata the import client records: one command per append. */
export function importMetadata(actorId: string): EventMetadata {
  const commandId = uuidv7();
  return {
    actorId,
    actorRole: 'officer',
    correlationId: commandId,
    causationId: commandId,
    commandId,
    client: 'import',
  };
}

function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

const SENTENCES = [
  'Met the VCSE forum steering group to agree the terms of reference and the next agenda.',
  'Funding bid submitted jointly with Voluntary Action LeicesterShire; decision expected next quarter.',
  'Volunteer recruitment drive reached 42 new volunteers across six wards, mostly aged 18 to 30.',
  'Delay while procurement confirms whether the grant scheme falls under the new subsidy control rules.',
  'Monthly bulletin issued to 380 organisations; open rate 47 per cent, up from 39 per cent last month.',
  'Community asset transfer of the Belgrave hall agreed in principle; legal work has now started.',
  'Workshop on bid writing held with 18 small charities; feedback was good and a second date is planned.',
  'Lead officer on leave for three weeks, so the partner survey moved into the next reporting period.',
  'Data-sharing agreement signed with the two infrastructure bodies; first joint dashboard published.',
  'Pooled fund now holds contributions from three partners; the panel meets to allocate it in May.',
];

function narrative(random: Random): string {
  const count = 1 + random.int(3);
  return Array.from({ length: count }, () => random.pick(SENTENCES)).join(' ');
}

export interface StrategyPlan {
  readonly strategyId: string;
  readonly themeIds: readonly string[];
  readonly events: readonly (StrategyDrafted | ThemeAdded)[];
}

export function strategyEvents(themes = 3): StrategyPlan {
  const strategyId = uuidv7();
  const themeIds = Array.from({ length: themes }, () => uuidv7());
  const titles = [
    'Communication and working together',
    'Funding and resources',
    'Volunteering and community action',
    'Premises and assets',
  ];
  return {
    strategyId,
    themeIds,
    events: [
      {
        type: 'StrategyDrafted',
        data: {
          strategyId,
          title: 'Voluntary, Community and Social Enterprise Engagement Strategy 2023–2027',
          description:
            'How the council will work with the voluntary, community and social enterprise sector: communicating ' +
            'better, championing sustainable funding, and sustaining the volunteering that grew during the pandemic.',
          periodStart: '2023-11-01',
          periodEnd: '2027-03-31',
          effectiveOn: '2023-09-18',
        },
      },
      ...themeIds.map((themeId, index): ThemeAdded => ({
        type: 'ThemeAdded',
        data: {
          strategyId,
          themeId,
          title: titles[index % titles.length],
          description: 'What the council and the sector will do together under this theme.',
          effectiveOn: '2023-09-18',
        },
      })),
    ],
  };
}

export function pledgeMade(strategyId: string, themeId: string, index: number): PledgeMade {
  return {
    type: 'PledgeMade',
    data: {
      pledgeId: uuidv7(),
      strategyId,
      themeId,
      reference: `P${index + 1}`,
      title: `Pledge ${index + 1}: work with the sector to make the money that exists go further`,
      description:
        'Press for fair, long-term funding and make the money that exists go further by pooling it, ' +
        'and help organisations bid, plan and trade so they depend less on grants.',
      principles: ['Listen before deciding', 'Reach every ward', 'Long-term over short-term'],
      lead: 'Assistant City Mayor for Communities',
      effectiveOn: '2023-10-16',
    },
  };
}

/**
 * One action's history: ActionPlanned, then `updates` changes over the following weeks, mostly
 * progress updates with due-date revisions and milestones among them.
 */
export class ActionHistory {
  readonly actionId = uuidv7();
  readonly streamId = streamIdFor('action', this.actionId);
  readonly leadOfficerId: string;
  private readonly random: Random;
  private readonly baselineDue: string;
  private dueDate: string;
  private day: string;
  private rag: Rag | null = null;
  private percent = 0;
  private step = 0;
  private readonly openMilestones: Milestone[] = [];

  constructor(
    private readonly pledge: { strategyId: string; themeId: string; pledgeId: string; reference: string },
    private readonly index: number,
    seed: number,
  ) {
    this.random = new Random(seed);
    this.leadOfficerId = officer(this.random);
    this.day = addDays('2023-11-14', this.random.int(60));
    this.baselineDue = addDays(this.day, 540 + this.random.int(365));
    this.dueDate = this.baselineDue;
  }

  planned(): ActionPlanned {
    const milestones: Milestone[] = [1, 2, 3].map((n) => ({
      id: uuidv7(),
      title: `Milestone ${n}: ${this.random.pick(SENTENCES).slice(0, 60)}`,
      dueDate: addDays(this.day, n * 120),
      achievedOn: null,
    }));
    this.openMilestones.push(...milestones);
    return {
      type: 'ActionPlanned',
      data: {
        actionId: this.actionId,
        strategyId: this.pledge.strategyId,
        themeId: this.pledge.themeId,
        pledgeId: this.pledge.pledgeId,
        reference: `A${this.pledge.reference.slice(1)}.${this.index + 1}`,
        title: `Set up mechanisms for more effective joint working, strand ${this.index + 1}`,
        description:
          'A quarterly VCSE forum, a single council contact point and a monthly sector bulletin, ' +
          'designed with the sector and reviewed every six months.',
        leadOfficerId: this.leadOfficerId,
        partners: [
          { name: 'Voluntary Action LeicesterShire', orgId: 'GB-CHC-1069942' },
          { name: 'Leicester Community Foundation' },
        ],
        startDate: this.day,
        dueDate: this.dueDate,
        milestones,
        effectiveOn: this.day,
      },
    };
  }

  /** The next change after ActionPlanned. */
  next(): ActionEvent {
    const step = this.step++;
    this.day = addDays(this.day, 5 + this.random.int(5));
    if (step % 25 === 12) return this.milestoneAdded();
    if (step % 25 === 20 && this.openMilestones.length > 0) return this.milestoneAchieved();
    if (step % 20 === 7) return this.dueDateRevised();
    return this.progress();
  }

  /** ActionPlanned followed by `updates` changes. */
  history(updates: number): ActionEvent[] {
    return [this.planned(), ...Array.from({ length: updates }, () => this.next())];
  }

  private progress(): ActionProgressLogged {
    const previousRag = this.rag;
    const roll = this.random.next();
    const rag: Rag = roll < 0.7 ? 'green' : roll < 0.92 ? 'amber' : 'red';
    this.rag = rag;
    this.percent = Math.min(99, this.percent + this.random.int(3));
    const evidence =
      this.random.next() < 0.3
        ? [
            {
              title: 'Forum minutes',
              url: `https://www.leicester.gov.uk/vcse/evidence/${this.actionId}/${this.step}`,
            },
          ]
        : [];
    return {
      type: 'ActionProgressLogged',
      data: {
        actionId: this.actionId,
        narrative: narrative(this.random),
        rag,
        previousRag,
        ragJustification:
          rag !== 'green' && rag !== previousRag
            ? 'Slipped because a partner withdrew funding; recovery plan agreed with the lead member.'
            : null,
        percentComplete: this.percent,
        evidence,
        effectiveOn: this.day,
      },
    };
  }

  private dueDateRevised(): DueDateRevised {
    const previousDueDate = this.dueDate;
    this.dueDate = addDays(previousDueDate, 14 + this.random.int(60));
    return {
      type: 'DueDateRevised',
      data: {
        actionId: this.actionId,
        previousDueDate,
        newDueDate: this.dueDate,
        baselineDueDate: this.baselineDue,
        reason: 'Partner capacity reduced over the summer; revised date agreed at the steering group.',
        effectiveOn: this.day,
      },
    };
  }

  private milestoneAdded(): MilestoneAdded {
    const milestone: Milestone = {
      id: uuidv7(),
      title: `Review: ${this.random.pick(SENTENCES).slice(0, 60)}`,
      dueDate: addDays(this.day, 60 + this.random.int(90)),
      achievedOn: null,
    };
    this.openMilestones.push(milestone);
    return { type: 'MilestoneAdded', data: { actionId: this.actionId, milestone, effectiveOn: this.day } };
  }

  private milestoneAchieved(): MilestoneAchieved {
    const milestone = this.openMilestones.shift()!;
    return {
      type: 'MilestoneAchieved',
      data: { actionId: this.actionId, milestoneId: milestone.id, achievedOn: this.day },
    };
  }
}

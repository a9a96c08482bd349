import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { DemoPart, DemoStory } from '../../common/contexts/bounded-context.js';
import type { CommandResult } from '../../common/domain/actor.js';
import { AggregateRepository } from '../../common/persistence/aggregate-repository.js';
import { AchieveMilestone } from '../commands/achieve-milestone/achieve-milestone.command.js';
import { AddTheme, themeIdFor } from '../commands/add-theme/add-theme.command.js';
import { AdoptStrategy } from '../commands/change-strategy-status/change-strategy-status.command.js';
import { CompleteAction, DeferAction } from '../commands/close-action/close-action.command.js';
import { DraftStrategy } from '../commands/draft-strategy/draft-strategy.command.js';
import { LogActionProgress } from '../commands/log-action-progress/log-action-progress.command.js';
import type { LogActionProgressRequest } from '../commands/log-action-progress/log-action-progress.request.js';
import { MakePledge } from '../commands/make-pledge/make-pledge.command.js';
import { PlanAction } from '../commands/plan-action/plan-action.command.js';
import type { PlanActionRequest } from '../commands/plan-action/plan-action.request.js';
import { ReviseDueDate } from '../commands/revise-due-date/revise-due-date.command.js';
import { Action } from '../domain/action.aggregate.js';

/**
 * A strategy modelled on the VCSE engagement strategy Leicester City Council launched in November
 * 2023, with the actions it announced, written through the same commands as any other change so
 * that it is in the record. People and dates are illustrative; every change takes effect on the
 * day it happened, as history entered after the fact does, so the record reads from 2023 on. It
 * remembers the strategy (`strategy`) and each action by its reference (`action:A1.2`) for the
 * parts after it.
 */
export const strategyDemo: DemoPart = { seed };

async function seed(app: INestApplicationContext, story: DemoStory): Promise<void> {
  const bus = app.get(CommandBus);
  const repository = app.get(AggregateRepository);
  const as = (who: string) => story.as(who);
  const run = (command: object): Promise<CommandResult> => bus.execute(command as never);

  const { id: strategyId } = await run(
    new DraftStrategy(
      {
        title: 'Voluntary, Community and Social Enterprise Engagement Strategy 2023–2027',
        description:
          'How the council will work with the voluntary, community and social enterprise sector: communicating better, ' +
          'championing sustainable funding, and sustaining the volunteering that grew during the pandemic.',
        periodStart: '2023-11-01',
        periodEnd: '2027-03-31',
        effectiveOn: '2023-09-18',
      },
      as('helen'),
    ),
  );
  story.remember('strategy', strategyId);
  const themes = {
    communication: 'Communication and working together',
    funding: 'Funding and resources',
    volunteering: 'Volunteering and community action',
  };
  for (const title of Object.values(themes))
    await run(new AddTheme(strategyId, { title, effectiveOn: '2023-09-18' }, as('helen')));
  await run(new AdoptStrategy(strategyId, { adoptedOn: '2023-11-14' }, as('helen')));
  const theme = (title: string) => themeIdFor(strategyId, title);

  const pledges: [string, string, string, string, string[]][] = [
    [
      'P1',
      themes.communication,
      'Communicate and work with the sector more effectively',
      'Make it easier for VCSE organisations to talk to the council and to each other, in every part of the city.',
      ['Listen before deciding', 'Reach every ward'],
    ],
    [
      'P2',
      themes.funding,
      'Champion sustainable funding for the sector',
      'Press for fair, long-term funding and make the money that exists go further by pooling it.',
      ['Long-term over short-term', 'Match local generosity'],
    ],
    [
      'P3',
      themes.funding,
      "Build the sector's capacity to raise its own income",
      'Help organisations bid, plan and trade so they depend less on grants.',
      ['Share skills across the sector'],
    ],
    [
      'P4',
      themes.volunteering,
      'Sustain and grow volunteering',
      'Keep the community action that grew in the pandemic, and set the standard as a volunteer-involving employer.',
      ["Value volunteers' time"],
    ],
  ];
  const pledgeIds: Record<string, string> = {};
  for (const [reference, themeTitle, title, description, principles] of pledges) {
    const lead =
      reference === 'P4' ? 'Assistant City Mayor for Neighbourhoods' : 'Assistant City Mayor for Communities';
    pledgeIds[reference] = (
      await run(
        new MakePledge(
          strategyId,
          {
            themeId: theme(themeTitle),
            reference,
            title,
            description,
            principles,
            lead,
            effectiveOn: '2023-11-14',
          },
          as('helen'),
        ),
      )
    ).id;
  }

  const plan = async (pledge: string, lead: string, request: Omit<PlanActionRequest, 'leadOfficerId'>) => {
    const { id } = await run(
      new PlanAction(pledgeIds[pledge], { ...request, leadOfficerId: story.person(lead).id }, as('helen')),
    );
    story.remember(`action:${request.reference}`, id);
    return id;
  };
  const log = (actionId: string, who: string, update: LogActionProgressRequest) =>
    run(new LogActionProgress(actionId, update, as(who)));

  const forum = await plan('P1', 'priya', {
    reference: 'A1.1',
    effectiveOn: '2023-11-14',
    title: 'Set up mechanisms for more effective communication with the sector',
    description: 'A quarterly VCSE forum, a single council contact point and a monthly sector bulletin.',
    partners: [{ name: 'Voluntary Action LeicesterShire' }],
    startDate: '2023-11-14',
    dueDate: '2024-09-30',
    milestones: [
      { title: 'First VCSE forum held', dueDate: '2024-03-31' },
      { title: 'Monthly bulletin launched', dueDate: '2024-06-30' },
    ],
  });
  await log(forum, 'priya', {
    narrative: 'Terms of reference for the VCSE forum drafted with sector representatives.',
    rag: 'green',
    percentComplete: 25,
    effectiveOn: '2024-02-05',
  });
  const forumMilestones = (await repository.load(new Action(forum))).milestones;
  await run(new AchieveMilestone(forum, forumMilestones[0].id, { achievedOn: '2024-03-21' }, as('priya')));
  await log(forum, 'priya', {
    narrative: 'First forum held on 21 March: 64 organisations attended. Bulletin sign-ups opened.',
    rag: 'green',
    percentComplete: 60,
    effectiveOn: '2024-03-28',
    evidence: [
      { title: 'Forum notes, 21 March 2024', url: 'https://demo.leicester.example/vcse-forum/2024-03-21' },
    ],
  });
  await run(new AchieveMilestone(forum, forumMilestones[1].id, { achievedOn: '2024-06-12' }, as('priya')));
  await run(
    new CompleteAction(
      forum,
      {
        completedOn: '2024-09-16',
        summary: 'Forum meets quarterly; bulletin reaches 1,140 subscribers; single contact point staffed.',
      },
      as('priya'),
    ),
  );

  const wards = await plan('P1', 'tom', {
    reference: 'A1.2',
    effectiveOn: '2023-12-11',
    title: 'Work with key groups in all council wards',
    description: "Agree a ward partnership with the key community groups in each of the city's 22 wards.",
    partners: [],
    startDate: '2024-01-08',
    dueDate: '2025-03-31',
    milestones: [{ title: 'Key groups mapped in every ward', dueDate: '2024-06-30' }],
  });
  await log(wards, 'tom', {
    narrative: 'Mapping of key groups under way; 9 of 22 wards complete.',
    rag: 'green',
    percentComplete: 20,
    effectiveOn: '2024-05-10',
  });
  await log(wards, 'tom', {
    narrative: 'Mapping slowed by the pre-election period; 15 of 22 wards complete.',
    rag: 'amber',
    ragJustification: 'Pre-election period paused ward meetings for six weeks.',
    percentComplete: 35,
    effectiveOn: '2024-07-15',
  });
  await run(
    new ReviseDueDate(
      wards,
      {
        newDueDate: '2025-09-30',
        reason: 'Pre-election period and ward boundary review delayed ward meetings.',
        effectiveOn: '2024-07-22',
      },
      as('tom'),
    ),
  );
  await log(wards, 'tom', {
    narrative: 'Partnership agreements signed in 14 wards; 8 wards still to agree.',
    rag: 'amber',
    percentComplete: 70,
    effectiveOn: '2025-06-30',
  });
  await run(
    new ReviseDueDate(
      wards,
      {
        newDueDate: '2026-12-31',
        reason: 'Two wards asked to wait for new community centres to open.',
        effectiveOn: '2025-07-07',
      },
      as('tom'),
    ),
  );
  await log(wards, 'tom', {
    narrative: 'Agreements in 19 wards. Remaining three waiting on community centre openings.',
    rag: 'amber',
    percentComplete: 85,
    effectiveOn: '2026-10-05',
  });

  const lobbying = await plan('P2', 'tom', {
    reference: 'A2.1',
    effectiveOn: '2023-11-14',
    title: 'Lead lobbying of Government for effective funding for the sector',
    description:
      'Make the case, with other core cities, for multi-year funding settlements for the VCSE sector.',
    partners: [],
    startDate: '2023-12-01',
    dueDate: '2026-03-31',
    milestones: [],
  });
  await log(lobbying, 'tom', {
    narrative: 'Joint letter to the Minister sent with four other core cities.',
    rag: 'green',
    percentComplete: 30,
    effectiveOn: '2024-04-19',
    evidence: [
      { title: 'Joint letter, April 2024', url: 'https://demo.leicester.example/lobbying/2024-04-letter' },
    ],
  });
  await log(lobbying, 'tom', {
    narrative: 'Spending review gave one-year settlements only; case re-made at the autumn round.',
    rag: 'amber',
    ragJustification: 'No multi-year settlement in the spending review.',
    percentComplete: 50,
    effectiveOn: '2025-07-01',
  });
  await run(
    new ReviseDueDate(
      lobbying,
      {
        newDueDate: '2027-03-31',
        reason: 'The campaign continues into the next spending review.',
        effectiveOn: '2025-07-14',
      },
      as('tom'),
    ),
  );

  const crowdfund = await plan('P2', 'daniel', {
    reference: 'A2.2',
    effectiveOn: '2023-11-14',
    title: 'Commit to CrowdFund Leicester',
    description:
      "Keep the council's match-funding pot for community crowdfunding campaigns and widen its reach.",
    partners: [],
    startDate: '2023-11-14',
    dueDate: '2027-03-31',
    milestones: [{ title: 'Match-funding criteria refreshed', dueDate: '2024-04-30' }],
  });
  await log(crowdfund, 'daniel', {
    narrative: '23 campaigns matched in the year; £148,000 raised, £61,500 of it council match.',
    rag: 'green',
    percentComplete: 40,
    effectiveOn: '2024-12-02',
  });
  await log(crowdfund, 'daniel', {
    narrative: '31 campaigns matched so far this year, 12 in wards that had never used it.',
    rag: 'green',
    percentComplete: 65,
    effectiveOn: '2026-09-15',
  });

  const pooling = await plan('P2', 'daniel', {
    reference: 'A2.3',
    effectiveOn: '2024-02-19',
    title:
      'Pool funding and resources with VCSE partners and other public bodies to tackle issues in a particular area',
    description:
      'A pooled fund with health partners and VCSE organisations for one area of the city, starting with food insecurity.',
    partners: [{ name: 'Leicester, Leicestershire and Rutland Integrated Care Board' }],
    startDate: '2024-04-01',
    dueDate: '2025-03-31',
    milestones: [{ title: 'Pooling agreement signed', dueDate: '2024-12-31' }],
  });
  await log(pooling, 'daniel', {
    narrative: 'Partners agree the area and the issue; legal agreement drafted.',
    rag: 'amber',
    percentComplete: 20,
    effectiveOn: '2024-10-01',
  });
  await run(
    new ReviseDueDate(
      pooling,
      {
        newDueDate: '2026-09-30',
        reason: "Health partner's restructure delayed the pooling agreement.",
        effectiveOn: '2024-10-14',
      },
      as('daniel'),
    ),
  );
  await log(pooling, 'daniel', {
    narrative: 'Health partner withdrew its share pending its own budget review; fund cannot open.',
    rag: 'red',
    ragJustification: 'A partner withdrew its contribution.',
    percentComplete: 25,
    effectiveOn: '2025-11-20',
  });
  await log(pooling, 'daniel', {
    narrative: 'Talks resumed with two housing associations to replace the withdrawn share.',
    rag: 'red',
    percentComplete: 30,
    effectiveOn: '2026-08-14',
  });

  const bidWriting = await plan('P3', 'daniel', {
    reference: 'A3.1',
    effectiveOn: '2024-01-15',
    title: 'Draw on organisations with bid-writing, business-planning and fund-raising capabilities',
    description:
      'A pool of experienced organisations that mentor smaller groups through bids and business plans.',
    partners: [{ name: 'Voluntary Action LeicesterShire' }],
    startDate: '2024-02-01',
    dueDate: '2025-12-31',
    milestones: [],
  });
  await log(bidWriting, 'daniel', {
    narrative: 'Twelve mentor organisations recruited; 30 groups supported with bids.',
    rag: 'green',
    percentComplete: 55,
    effectiveOn: '2025-01-20',
  });
  await run(
    new CompleteAction(
      bidWriting,
      {
        completedOn: '2026-02-27',
        summary:
          'Mentoring pool running without council support; 74 groups helped, £1.2m in successful bids.',
        reason: 'Finished two months late while the mentoring pool became self-running.',
      },
      as('daniel'),
    ),
  );

  const trading = await plan('P3', 'priya', {
    reference: 'A3.2',
    effectiveOn: '2025-01-20',
    title: 'Promote commercial options such as trading arms',
    description: 'Guidance and workshops on trading arms, social enterprise and earned income.',
    partners: [],
    startDate: '2025-04-01',
    dueDate: '2026-06-30',
    milestones: [],
  });
  await run(
    new DeferAction(
      trading,
      {
        reason: 'Deferred to 2027/28 by the programme board so that capacity goes to ward partnerships.',
        until: '2027-04-01',
        effectiveOn: '2025-03-17',
      },
      as('helen'),
    ),
  );

  const pandemic = await plan('P4', 'sarah', {
    reference: 'A4.1',
    effectiveOn: '2023-11-14',
    title: 'Sustain community volunteering initiatives from the pandemic',
    description:
      'Keep food and medicine pick-ups and mutual aid groups going with light-touch council support.',
    partners: [{ name: 'Leicester mutual aid network' }],
    startDate: '2023-11-14',
    dueDate: '2025-03-31',
    milestones: [],
  });
  await log(pandemic, 'sarah', {
    narrative: '41 mutual aid groups still active; food and medicine pick-ups in 18 wards.',
    rag: 'green',
    percentComplete: 40,
    effectiveOn: '2024-06-03',
  });
  await log(pandemic, 'sarah', {
    narrative: 'Volunteer numbers down a third since 2022; six groups have closed.',
    rag: 'amber',
    ragJustification: 'Volunteer numbers falling faster than expected.',
    percentComplete: 55,
    effectiveOn: '2025-02-10',
  });

  const example = await plan('P4', 'sarah', {
    reference: 'A4.2',
    effectiveOn: '2023-12-11',
    title: 'Lead by example in recruiting, managing and retaining volunteers',
    description: 'Council volunteering policy, a volunteer passport, and recognition for long service.',
    partners: [],
    startDate: '2024-01-15',
    dueDate: '2026-12-31',
    milestones: [{ title: 'Volunteer passport launched', dueDate: '2025-06-30' }],
  });
  await log(example, 'sarah', {
    narrative: 'Volunteering policy adopted; passport pilot with three services.',
    rag: 'green',
    percentComplete: 45,
    effectiveOn: '2025-05-12',
  });
  await log(example, 'sarah', {
    narrative: 'Passport used by 420 volunteers across nine services.',
    rag: 'green',
    percentComplete: 75,
    effectiveOn: '2026-10-20',
  });
}

import {
  Body,
  Injectable,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
  Controller,
  Get,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  type Type,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { CommandContext } from '../../common/domain/actor.js';
import { Clock } from '../../common/domain/clock.js';
import { dateInCouncil } from '../../common/domain/dates.js';
import { forbidden } from '../../common/domain/domain-error.js';
import { commandContextFrom } from '../../common/http/request-context.js';
import { Public } from '../../identity/auth.guard.js';
import { UsersService } from '../../identity/users.service.js';
import { AddTheme } from '../commands/add-theme/add-theme.command.js';
import { AddThemeRequest } from '../commands/add-theme/add-theme.request.js';
import {
  ConcludePledge,
  ReinstatePledge,
  WithdrawPledge,
} from '../commands/change-pledge-status/change-pledge-status.command.js';
import {
  ConcludePledgeRequest,
  PledgeReasonRequest,
} from '../commands/change-pledge-status/change-pledge-status.request.js';
import {
  AdoptStrategy,
  CloseStrategy,
  PutStrategyUnderReview,
} from '../commands/change-strategy-status/change-strategy-status.command.js';
import {
  AdoptStrategyRequest,
  StrategyReasonRequest,
} from '../commands/change-strategy-status/change-strategy-status.request.js';
import { DraftStrategy } from '../commands/draft-strategy/draft-strategy.command.js';
import { DraftStrategyRequest } from '../commands/draft-strategy/draft-strategy.request.js';
import { MakePledge } from '../commands/make-pledge/make-pledge.command.js';
import { MakePledgeRequest } from '../commands/make-pledge/make-pledge.request.js';
import { PlanAction } from '../commands/plan-action/plan-action.command.js';
import { PlanActionRequest } from '../commands/plan-action/plan-action.request.js';
import { ReassignActionLead } from '../commands/reassign-action-lead/reassign-action-lead.command.js';
import { ReassignActionLeadRequest } from '../commands/reassign-action-lead/reassign-action-lead.request.js';
import { PLEDGE_OUTCOMES } from '../domain/values.js';
import { StrategyQueries } from '../queries/strategy.queries.js';
import { FormRunner, versionFrom } from '../../web/form-runner.js';
import { dateValues, givenEffectiveOn, summaryOf, type FormBody } from '../../web/forms.js';
import type { WebRequest, WebResponse } from '../../web/web-request.js';
import { UuidParam } from '../../common/http/validation.js';
import { refuseIfStrategyClosed } from '../domain/strategy.aggregate.js';

const text = (value: string | undefined) => (value ?? '').trim();
const lines = (value: string | undefined) =>
  text(value)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

interface AdminForm {
  title: string;
  /** Where a refusal that names no field is shown. */
  field?: string;
  dates?: Record<string, string>;
  dto: Type<object>;
  request(body: FormBody, dates: Record<string, string | undefined>): object;
  command(targetId: string, request: never, context: CommandContext): object;
  done: string;
  /** Where to go after, from the command's answer and the form's target. */
  next(resultId: string, targetId: string): string;
}

/** Forms about a strategy (its id in the path). */
const STRATEGY_FORMS: Record<string, AdminForm> = {
  theme: {
    title: 'Add a theme',
    dates: { effectiveOn: 'The date the theme was added' },
    dto: AddThemeRequest,
    request: (body, dates) => ({
      title: text(body.title),
      description: text(body.description),
      ...givenEffectiveOn(dates),
    }),
    command: (id, request, context) => new AddTheme(id, request, context),
    done: 'The theme has been added',
    next: (_, id) => `/admin/strategies/${id}`,
  },
  pledge: {
    title: 'Make a pledge',
    dates: { effectiveOn: 'The date the pledge was made' },
    dto: MakePledgeRequest,
    request: (body, dates) => ({
      themeId: body.themeId ?? '',
      reference: text(body.reference).toUpperCase(),
      title: text(body.title),
      description: text(body.description),
      principles: lines(body.principles),
      lead: text(body.lead),
      ...givenEffectiveOn(dates),
    }),
    command: (id, request, context) => new MakePledge(id, request, context),
    done: 'The pledge has been made',
    next: (_, id) => `/admin/strategies/${id}`,
  },
  adopt: {
    title: 'Adopt the strategy',
    dates: { adoptedOn: 'The date of adoption' },
    dto: AdoptStrategyRequest,
    request: (body, dates) => ({
      adoptedOn: dates.adoptedOn ?? '',
      ...(text(body.decisionReference) ? { decisionReference: text(body.decisionReference) } : {}),
    }),
    command: (id, request, context) => new AdoptStrategy(id, request, context),
    done: 'The strategy has been adopted',
    next: (_, id) => `/admin/strategies/${id}`,
  },
  review: reasonForm(
    'Put the strategy under review',
    (id, request, context) => new PutStrategyUnderReview(id, request, context),
    'The strategy is under review',
    'The date it was put under review',
  ),
  close: reasonForm(
    'Close the strategy',
    (id, request, context) => new CloseStrategy(id, request, context),
    'The strategy has been closed',
    'The date it was closed',
  ),
};

/** Forms about a pledge. */
const PLEDGE_FORMS: Record<string, AdminForm> = {
  action: {
    title: 'Plan an action',
    dates: {
      startDate: 'The start date',
      dueDate: 'The due date',
      milestoneDue: 'The milestone due date',
      effectiveOn: 'The date the action was planned',
    },
    dto: PlanActionRequest,
    request: (body, dates) => ({
      reference: text(body.reference).toUpperCase(),
      title: text(body.title),
      description: text(body.description),
      leadOfficerId: body.leadOfficerId ?? '',
      partners: lines(body.partners).map((line) => {
        const [name, orgId] = line.split('|').map((part) => part.trim());
        return orgId ? { name, orgId } : { name };
      }),
      startDate: dates.startDate ?? '',
      dueDate: dates.dueDate ?? '',
      milestones: text(body.milestoneTitle)
        ? [{ title: text(body.milestoneTitle), dueDate: dates.milestoneDue ?? '' }]
        : [],
      ...givenEffectiveOn(dates),
    }),
    command: (id, request, context) => new PlanAction(id, request, context),
    done: 'The action has been planned',
    next: (actionId) => `/actions/${actionId}`,
  },
  conclude: {
    title: 'Conclude the pledge',
    field: 'reason',
    dates: { effectiveOn: 'The date the pledge was concluded' },
    dto: ConcludePledgeRequest,
    request: (body, dates) => ({
      outcome: body.outcome ?? '',
      reason: text(body.reason),
      ...givenEffectiveOn(dates),
    }),
    command: (id, request, context) => new ConcludePledge(id, request, context),
    done: 'The pledge has been concluded',
    next: (id) => `/admin/pledges/${id}`,
  },
  withdraw: {
    ...reasonForm(
      'Withdraw the pledge',
      (id, request, context) => new WithdrawPledge(id, request, context),
      'The pledge has been withdrawn',
      'The date the pledge was withdrawn',
    ),
    dto: PledgeReasonRequest,
    next: (id) => `/admin/pledges/${id}`,
  },
  reinstate: {
    ...reasonForm(
      'Reinstate the pledge',
      (id, request, context) => new ReinstatePledge(id, request, context),
      'The pledge has been reinstated',
      'The date the pledge was reinstated',
    ),
    dto: PledgeReasonRequest,
    next: (id) => `/admin/pledges/${id}`,
  },
};

const ACTION_FORMS: Record<string, AdminForm> = {
  lead: {
    title: 'Change the lead officer',
    field: 'reason',
    dates: { effectiveOn: 'The date the lead changed' },
    dto: ReassignActionLeadRequest,
    request: (body, dates) => ({
      leadOfficerId: body.leadOfficerId ?? '',
      reason: text(body.reason),
      ...givenEffectiveOn(dates),
    }),
    command: (id, request, context) => new ReassignActionLead(id, request, context),
    done: 'The lead officer has been changed',
    next: (id) => `/actions/${id}`,
  },
};

function reasonForm(
  title: string,
  command: AdminForm['command'],
  done: string,
  dateLabel: string,
): AdminForm {
  return {
    title,
    field: 'reason',
    dates: { effectiveOn: dateLabel },
    dto: StrategyReasonRequest,
    request: (body, dates) => ({ reason: text(body.reason), ...givenEffectiveOn(dates) }),
    command,
    done,
    next: (_, id) => `/admin/strategies/${id}`,
  };
}

/** Every management page is for admins alone. */
@Injectable()
class AdminsOnly implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.switchToHttp().getRequest<WebRequest>().actor?.role !== 'admin') {
      forbidden('admin.only', 'Only an admin can manage strategies, pledges and actions');
    }
    return true;
  }
}

/** Management of strategies, themes, pledges and actions. */
@ApiExcludeController()
@Public() // signed in by the web session, not an API token
@UseGuards(AdminsOnly)
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly queries: StrategyQueries,
    private readonly users: UsersService,
    private readonly forms: FormRunner,
    private readonly clock: Clock,
  ) {}

  @Get()
  async index(@Res() response: WebResponse) {
    response.render('admin/index.njk', {
      title: 'Manage strategies',
      strategies: await this.queries.listStrategies(),
    });
  }

  @Get('strategies/new')
  newStrategy(@Res() response: WebResponse) {
    response.render('admin/new-strategy.njk', { title: 'Draft a strategy', values: this.startingDates() });
  }

  @Post('strategies/new')
  async draft(@Body() body: FormBody, @Req() request: WebRequest, @Res() response: WebResponse) {
    const dates = {
      periodStart: 'The start of the period',
      periodEnd: 'The end of the period',
      effectiveOn: 'The date it was drafted',
    };
    const outcome = await this.forms.run({
      body,
      dates,
      dto: DraftStrategyRequest,
      request: (parsed) => ({
        title: text(body.title),
        description: text(body.description),
        periodStart: parsed.periodStart ?? '',
        periodEnd: parsed.periodEnd ?? '',
        ...givenEffectiveOn(parsed),
      }),
      command: (valid) => new DraftStrategy(valid, commandContextFrom(request)),
      fallbackField: 'title',
    });
    if (outcome.result)
      return response.redirect(
        303,
        `/admin/strategies/${outcome.result.id}?done=${encodeURIComponent('The strategy has been drafted')}`,
      );
    const { errors, byField } = summaryOf(outcome.problems, Object.keys(dates));
    response
      .status(outcome.status)
      .render('admin/new-strategy.njk', { title: 'Draft a strategy', values: body, errors, byField });
  }

  @Get('strategies/:id')
  async strategy(
    @UuidParam('id') id: string,
    @Query('done') done: string | undefined,
    @Res() response: WebResponse,
  ) {
    response.render('admin/strategy.njk', { ...(await this.strategyPage(id)), done: this.doneMessage(done) });
  }

  @Get('strategies/:id/:form')
  async strategyForm(@UuidParam('id') id: string, @Param('form') name: string, @Res() response: WebResponse) {
    const form = named(STRATEGY_FORMS, name);
    const page = await this.strategyPage(id, true);
    response.render(`admin/strategy-${name}.njk`, {
      ...page,
      title: form.title,
      formName: name,
      values: { version: String(page.overview.strategy.version), ...this.startingDates(form) },
    });
  }

  @Post('strategies/:id/:form')
  async strategySubmit(
    @UuidParam('id') id: string,
    @Param('form') name: string,
    @Body() body: FormBody,
    @Req() request: WebRequest,
    @Res() response: WebResponse,
  ) {
    const form = named(STRATEGY_FORMS, name);
    const page = await this.strategyPage(id, true);
    await this.submit(form, id, body, request, response, `admin/strategy-${name}.njk`, page);
  }

  @Get('pledges/:id')
  async pledge(
    @UuidParam('id') id: string,
    @Query('done') done: string | undefined,
    @Res() response: WebResponse,
  ) {
    response.render('admin/pledge.njk', { ...(await this.pledgePage(id)), done: this.doneMessage(done) });
  }

  @Get('pledges/:id/:form')
  async pledgeForm(@UuidParam('id') id: string, @Param('form') name: string, @Res() response: WebResponse) {
    const form = named(PLEDGE_FORMS, name);
    const page = await this.pledgePage(id, true);
    response.render(`admin/pledge-${name === 'action' ? 'action' : 'status'}.njk`, {
      ...page,
      title: form.title,
      formName: name,
      values: { version: String(page.pledge.version), ...this.startingDates(form) },
    });
  }

  @Post('pledges/:id/:form')
  async pledgeSubmit(
    @UuidParam('id') id: string,
    @Param('form') name: string,
    @Body() body: FormBody,
    @Req() request: WebRequest,
    @Res() response: WebResponse,
  ) {
    const form = named(PLEDGE_FORMS, name);
    const page = await this.pledgePage(id, true);
    await this.submit(
      form,
      id,
      body,
      request,
      response,
      `admin/pledge-${name === 'action' ? 'action' : 'status'}.njk`,
      page,
    );
  }

  @Get('actions/:id/lead')
  async leadForm(@UuidParam('id') id: string, @Res() response: WebResponse) {
    const page = await this.actionPage(id, true);
    response.render('admin/action-lead.njk', {
      ...page,
      title: ACTION_FORMS.lead.title,
      values: { version: String(page.action.version), ...this.startingDates(ACTION_FORMS.lead) },
    });
  }

  @Post('actions/:id/lead')
  async leadSubmit(
    @UuidParam('id') id: string,
    @Body() body: FormBody,
    @Req() request: WebRequest,
    @Res() response: WebResponse,
  ) {
    await this.submit(
      ACTION_FORMS.lead,
      id,
      body,
      request,
      response,
      'admin/action-lead.njk',
      await this.actionPage(id, true),
    );
  }

  private async submit(
    form: AdminForm,
    targetId: string,
    body: FormBody,
    request: WebRequest,
    response: WebResponse,
    view: string,
    page: object,
  ) {
    const context: CommandContext = { ...commandContextFrom(request), ifMatch: versionFrom(body) };
    const outcome = await this.forms.run({
      body,
      dates: form.dates,
      dto: form.dto,
      request: (dates) => form.request(body, dates),
      command: (valid) => form.command(targetId, valid as never, context),
      fallbackField: form.field ?? 'title',
    });
    if (outcome.result)
      return response.redirect(
        303,
        `${form.next(outcome.result.id, targetId)}?done=${encodeURIComponent(form.done)}`,
      );
    const { errors, byField } = summaryOf(
      outcome.stale
        ? [
            {
              field: 'version',
              message: 'Someone else changed this while you were editing; check it and send the form again',
            },
          ]
        : outcome.problems,
      Object.keys(form.dates ?? {}),
    );
    response
      .status(outcome.status)
      .render(view, { ...page, title: form.title, values: body, errors, byField });
  }

  /** A form with an effective date starts with today in it, as the command would take. */
  private startingDates(form?: AdminForm): FormBody {
    const hasEffectiveDate = !form || Boolean(form.dates?.effectiveOn);
    return hasEffectiveDate ? dateValues('effectiveOn', dateInCouncil(this.clock.now())) : {};
  }

  private doneMessage(done: string | undefined): string | undefined {
    const all = [
      ...Object.values(STRATEGY_FORMS),
      ...Object.values(PLEDGE_FORMS),
      ...Object.values(ACTION_FORMS),
    ].map((form) => form.done);
    return [...all, 'The strategy has been drafted'].find((message) => message === done);
  }

  private assertAdmin(request: WebRequest): void {
    if (request.actor?.role !== 'admin')
      forbidden('admin.only', 'Only an admin can manage strategies, pledges and actions');
  }

  private async officers() {
    return (await this.users.list()).filter(
      (user) => (user.role === 'officer' || user.role === 'admin') && !user.disabledAt,
    );
  }

  private async strategyPage(id: string, forForm = false) {
    const overview = await this.queries.overview(id, dateInCouncil(this.clock.now()));
    if (forForm) refuseIfStrategyClosed(overview.strategy.status);
    return {
      title: `Manage ${overview.strategy.title}`,
      overview,
      themeOptions: overview.strategy.themes.map((theme) => ({ value: theme.id, text: theme.title })),
    };
  }

  /** The pledge and what its forms need; its forms are not offered once its strategy is closed. */
  private async pledgePage(id: string, forForm = false) {
    const pledge = await this.queries.pledge(id, dateInCouncil(this.clock.now()));
    if (forForm) refuseIfStrategyClosed(pledge.strategyStatus);
    const officers = (await this.officers()).map((user) => ({
      value: user.id,
      text: `${user.displayName} (${user.role})`,
    }));
    return {
      title: `Manage ${pledge.reference} ${pledge.title}`,
      pledge,
      officers,
      outcomes: PLEDGE_OUTCOMES,
    };
  }

  private async actionPage(id: string, forForm = false) {
    const action = await this.queries.action(id, dateInCouncil(this.clock.now()));
    if (forForm) refuseIfStrategyClosed(action.strategyStatus);
    const officers = (await this.officers())
      .filter((user) => user.id !== action.leadOfficerId)
      .map((user) => ({ value: user.id, text: `${user.displayName} (${user.role})` }));
    return { action, officers };
  }
}

function named(forms: Record<string, AdminForm>, name: string): AdminForm {
  if (!Object.hasOwn(forms, name)) throw new NotFoundException();
  return forms[name];
}

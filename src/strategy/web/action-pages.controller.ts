import {
  Body,
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
import type { Actor, CommandContext } from '../../common/domain/actor.js';
import { Clock } from '../../common/domain/clock.js';
import { dateInCouncil } from '../../common/domain/dates.js';
import { DomainError, forbidden } from '../../common/domain/domain-error.js';
import { commandContextFrom } from '../../common/http/request-context.js';
import { Public } from '../../identity/auth.guard.js';
import { CancelAction, CompleteAction, DeferAction } from '../commands/close-action/close-action.command.js';
import {
  CompleteActionRequest,
  DeferActionRequest,
  ReasonRequest,
} from '../commands/close-action/close-action.request.js';
import { LogActionProgress } from '../commands/log-action-progress/log-action-progress.command.js';
import { LogActionProgressRequest } from '../commands/log-action-progress/log-action-progress.request.js';
import { ReopenAction } from '../commands/reopen-action/reopen-action.command.js';
import { ReviseDueDate } from '../commands/revise-due-date/revise-due-date.command.js';
import { ReviseDueDateRequest } from '../commands/revise-due-date/revise-due-date.request.js';
import { CLOSED_ACTION_STATUSES, type ActionStatus } from '../domain/values.js';
import { StrategyQueries } from '../queries/strategy.queries.js';
import { FormRunner, versionFrom } from '../../web/form-runner.js';
import { dateValues, givenEffectiveOn, summaryOf, type FormBody } from '../../web/forms.js';
import type { WebRequest, WebResponse } from '../../web/web-request.js';
import { UuidParam } from '../../common/http/validation.js';
import { refuseIfStrategyClosed } from '../domain/strategy.aggregate.js';

interface ActionForm {
  title: string;
  /** The fields in page order, for the error summary. */
  fields: string[];
  view: string;
  /** Date inputs on the form, each posted as -day, -month, -year. */
  dates: Record<string, string>;
  /** Where a refusal that names no field is shown; the first date input when not given. */
  fallbackField?: string;
  /** Only for open actions, or only for closed ones. */
  when: 'open' | 'closed';
  dto: Type<object>;
  request(body: FormBody, dates: Record<string, string | undefined>): object;
  command(actionId: string, request: never, context: CommandContext): object;
  done: string;
  /** What the form starts with. */
  initial(today: string): FormBody;
}

const text = (value: string | undefined) => (value ?? '').trim();
const optional = (value: string | undefined) => text(value) || undefined;

const FORMS: Record<string, ActionForm> = {
  update: {
    title: 'Log an update',
    fields: [
      'narrative',
      'rag',
      'ragJustification',
      'percentComplete',
      'effectiveOn',
      'evidenceTitle',
      'evidenceUrl',
    ],
    view: 'forms/update.njk',
    dates: { effectiveOn: 'The date of this update' },
    when: 'open',
    dto: LogActionProgressRequest,
    request: (body, dates) => ({
      narrative: text(body.narrative),
      rag: body.rag ?? '',
      ragJustification: optional(body.ragJustification) ?? null,
      percentComplete: /^\s*-?\d+\s*$/.test(body.percentComplete ?? '')
        ? Number(body.percentComplete)
        : (body.percentComplete ?? ''),
      evidence: optional(body.evidenceUrl)
        ? [{ title: text(body.evidenceTitle) || text(body.evidenceUrl), url: text(body.evidenceUrl) }]
        : [],
      ...(dates.effectiveOn ? { effectiveOn: dates.effectiveOn } : {}),
    }),
    command: (id, request, context) => new LogActionProgress(id, request, context),
    done: 'Your update has been logged',
    initial: (today) => dateValues('effectiveOn', today),
  },
  'due-date': {
    title: 'Revise the due date',
    fields: ['newDueDate', 'reason', 'effectiveOn'],
    view: 'forms/due-date.njk',
    dates: { newDueDate: 'The new due date', effectiveOn: 'The date the due date was revised' },
    when: 'open',
    dto: ReviseDueDateRequest,
    request: (body, dates) => ({
      newDueDate: dates.newDueDate ?? '',
      reason: text(body.reason),
      ...givenEffectiveOn(dates),
    }),
    command: (id, request, context) => new ReviseDueDate(id, request, context),
    done: 'The due date has been revised',
    initial: (today) => dateValues('effectiveOn', today),
  },
  complete: {
    title: 'Mark as completed',
    fields: ['summary', 'completedOn', 'reason'],
    view: 'forms/complete.njk',
    dates: { completedOn: 'The completion date' },
    when: 'open',
    dto: CompleteActionRequest,
    request: (body, dates) => ({
      summary: text(body.summary),
      reason: optional(body.reason) ?? null,
      ...(dates.completedOn ? { completedOn: dates.completedOn } : {}),
    }),
    command: (id, request, context) => new CompleteAction(id, request, context),
    done: 'The action is marked as completed',
    initial: (today) => dateValues('completedOn', today),
  },
  cancel: reasonForm(
    'Cancel this action',
    'open',
    (id, request, context) => new CancelAction(id, request, context),
    'The action has been cancelled',
    'The date it was cancelled',
  ),
  defer: {
    ...reasonForm(
      'Defer this action',
      'open',
      (id, request, context) => new DeferAction(id, request, context),
      'The action has been deferred',
      'The date it was deferred',
    ),
    dates: { until: 'The date it is deferred to', effectiveOn: 'The date it was deferred' },
    fallbackField: 'until',
    dto: DeferActionRequest,
    request: (body, dates) => ({
      reason: text(body.reason),
      until: dates.until ?? null,
      ...givenEffectiveOn(dates),
    }),
  },
  reopen: reasonForm(
    'Reopen this action',
    'closed',
    (id, request, context) => new ReopenAction(id, request, context),
    'The action has been reopened',
    'The date it was reopened',
  ),
};

function reasonForm(
  title: string,
  when: 'open' | 'closed',
  command: ActionForm['command'],
  done: string,
  dateLabel: string,
): ActionForm {
  return {
    title,
    fields: ['reason', 'until', 'effectiveOn'],
    view: 'forms/reason.njk',
    dates: { effectiveOn: dateLabel },
    fallbackField: 'reason',
    when,
    dto: ReasonRequest,
    request: (body, dates) => ({ reason: text(body.reason), ...givenEffectiveOn(dates) }),
    command,
    done,
    initial: (today) => dateValues('effectiveOn', today),
  };
}

/** An action's page, its timeline, and the forms to change it. */
@ApiExcludeController()
@Public() // signed in by the web session, not an API token
@Controller('actions')
export class ActionPagesController {
  constructor(
    private readonly queries: StrategyQueries,
    private readonly forms: FormRunner,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  async show(
    @UuidParam('id') id: string,
    @Query('done') done: string | undefined,
    @Req() request: WebRequest,
    @Res() response: WebResponse,
  ) {
    const page = await this.actionPage(id, request.actor!);
    response.render('action.njk', {
      ...page,
      done: Object.values(FORMS).find((form) => form.done === done)?.done,
    });
  }

  @Get(':id/:form')
  async form(
    @UuidParam('id') id: string,
    @Param('form') name: string,
    @Req() request: WebRequest,
    @Res() response: WebResponse,
  ) {
    const form = this.formNamed(name);
    const page = await this.actionPage(id, request.actor!);
    this.assertOffered(page, form, name);
    response.render(form.view, {
      ...page,
      title: form.title,
      formName: name,
      values: { ...form.initial(page.today), version: String(page.action.version) },
    });
  }

  @Post(':id/:form')
  async submit(
    @UuidParam('id') id: string,
    @Param('form') name: string,
    @Body() body: FormBody,
    @Req() request: WebRequest,
    @Res() response: WebResponse,
  ) {
    const form = this.formNamed(name);
    const actor = request.actor!;
    const page = await this.actionPage(id, actor);
    this.assertMayEdit(page);
    const context: CommandContext = { ...commandContextFrom(request), ifMatch: versionFrom(body) };
    const outcome = await this.forms.run({
      body,
      dates: form.dates,
      dto: form.dto,
      request: (dates) => form.request(body, dates),
      command: (valid) => form.command(id, valid as never, context),
      fallbackField: form.fallbackField ?? Object.keys(form.dates)[0] ?? 'reason',
    });
    if (outcome.result) return response.redirect(303, `/actions/${id}?done=${encodeURIComponent(form.done)}`);
    // Shown again with what was typed; after a concurrent change, with the latest state and version.
    const latest = outcome.stale ? await this.actionPage(id, actor) : page;
    const { errors, byField } = summaryOf(
      outcome.problems,
      Object.keys(form.dates),
      { 'evidence[0].url': 'evidenceUrl', 'evidence[0].title': 'evidenceTitle' },
      form.fields,
    );
    response.status(outcome.status).render(form.view, {
      ...latest,
      title: form.title,
      formName: name,
      values: { ...body, version: String(latest.action.version) },
      errors,
      byField,
      stale: outcome.stale,
    });
  }

  private formNamed(name: string): ActionForm {
    const form = Object.hasOwn(FORMS, name) ? FORMS[name] : undefined;
    if (!form) throw new NotFoundException();
    return form;
  }

  private assertOffered(
    page: Awaited<ReturnType<ActionPagesController['actionPage']>>,
    form: ActionForm,
    name: string,
  ): void {
    this.assertMayEdit(page);
    if ((form.when === 'closed') !== page.closed)
      throw new DomainError(
        'action.form-not-offered',
        `This action is ${page.action.status}; "${name}" does not apply`,
        'rule',
      );
  }

  private assertMayEdit(page: Awaited<ReturnType<ActionPagesController['actionPage']>>): void {
    if (!page.mayChange)
      forbidden('action.not-your-action', 'Only the lead officer of this action or an admin can change it');
    refuseIfStrategyClosed(page.action.strategyStatus);
  }

  private async actionPage(id: string, actor: Actor) {
    const today = dateInCouncil(this.clock.now());
    const action = await this.queries.action(id, today);
    const timeline = (await this.queries.timeline(id)).reverse();
    const closed = CLOSED_ACTION_STATUSES.includes(action.status as ActionStatus);
    // A closed strategy freezes its actions (the domain refuses any change); offer none.
    const frozen = action.strategyStatus === 'closed';
    const mayChange =
      actor.role === 'admin' || (actor.role === 'officer' && actor.id === action.leadOfficerId);
    return {
      title: `${action.reference} ${action.title}`,
      action,
      timeline,
      today,
      closed,
      canEdit: mayChange && !frozen,
      mayChange,
      frozen,
    };
  }
}

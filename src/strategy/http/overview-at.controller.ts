import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Clock } from '../../common/domain/clock.js';
import { dateInCouncil } from '../../common/domain/dates.js';
import { ApiRead } from '../../common/http/api-docs.js';
import { timeCutFrom } from '../../common/http/time-cut.js';
import { UuidParam } from '../../common/http/validation.js';
import { ETagFrom } from '../../common/http/versioned-answer.interceptor.js';
import { StrategyOverviewAtService } from '../queries/overview-at.service.js';
import { OverviewAtQuery } from './query-params.js';
import { StrategyOverviewAtResponse } from './responses.js';

/** The strategy overview replayed to a cut in time: an auditor's question, asked of this context. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/strategies')
export class StrategyOverviewAtController {
  constructor(
    private readonly overviewAt: StrategyOverviewAtService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/overview-at')
  @ETagFrom('strategy.version')
  @ApiRead(StrategyOverviewAtResponse, {
    description:
      'The strategy overview replayed to a cut in time (known at and/or effective at); overdue is counted ' +
      'against `date`, by default the day of the cut. A cut before the strategy existed answers 404 ' +
      '`strategy.not-yet-in-effect` (or `strategy.not-yet-recorded`) with `inEffectFrom`, the day it took ' +
      'effect, and `firstRecordedAt`.',
    etag: true,
    notFound: true,
  })
  strategyOverviewAt(@UuidParam('id') id: string, @Query() query: OverviewAtQuery) {
    const { knownAt, knownAtPosition, effectiveAt, date, ...filters } = query;
    const cut = timeCutFrom({ knownAt, knownAtPosition, effectiveAt });
    const asOf = date ?? dateInCouncil(cut.effectiveAt ?? cut.knownAt ?? this.clock.now());
    return this.overviewAt.overview(id, asOf, filters, cut);
  }
}

import {
  Controller,
  ForbiddenException,
  Get,
  Inject,
  Param,
  Render,
  Res,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { EntityHistoryService, labelOf } from '../audit/entity-history.service.js';
import { writeExport } from '../audit/exporter.js';
import { LedgerQueries } from '../audit/ledger.queries.js';
import { DomainError } from '../common/domain/domain-error.js';
import { APP_POOL } from '../common/persistence/persistence.module.js';
import { idsOf } from '../common/contexts/bounded-context.js';
import { ContextRegistry } from '../common/contexts/context-registry.js';
import type { Role } from '../common/domain/actor.js';
import { Public } from '../identity/auth.guard.js';
import type { WebRequest, WebResponse } from './web-request.js';
import { invalidRequest } from '../common/http/validation.js';

/** Auditors, scrutiny members and admins read the record; officers keep to their actions. */
export const AUDIT_ROLES: readonly Role[] = ['auditor', 'scrutiny', 'admin'];

class AuditReaders implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const role = context.switchToHttp().getRequest<WebRequest>().actor?.role;
    if (!role || !(AUDIT_ROLES as readonly string[]).includes(role))
      throw new ForbiddenException({
        message: 'Only auditors, scrutiny members and admins can open the audit pages',
        code: 'auth.role-not-allowed',
      });
    return true;
  }
}

/** The verifiable record for people: its signed tree head checked now, exports, entity histories. */
@ApiExcludeController()
@Public() // signed in by the web session, not an API token
@UseGuards(AuditReaders)
@Controller('audit')
export class AuditPagesController {
  constructor(
    private readonly ledger: LedgerQueries,
    private readonly history: EntityHistoryService,
    @Inject(APP_POOL) private readonly pool: pg.Pool,
    private readonly registry: ContextRegistry,
  ) {}

  @Get()
  @Render('audit/record.njk')
  async record() {
    const verdict = await this.ledger.verifyNow().catch((error) => {
      if (error instanceof DomainError && error.code === 'tree-head.none-yet') return undefined;
      throw error;
    });
    return { title: 'The audit record', verdict };
  }

  @Get('tree-head.json')
  async treeHead(@Res() response: WebResponse) {
    const head = await this.ledger.latestTreeHead();
    response
      .attachment(`tree-head-${head.treeSize}.json`)
      .type('application/json')
      .send(`${JSON.stringify(head, null, 2)}\n`);
  }

  @Get('public-key.pem')
  async publicKey(@Res() response: WebResponse) {
    const head = await this.ledger.latestTreeHead();
    response
      .attachment('public-key.pem')
      .type('application/x-pem-file')
      .send(await this.ledger.publicKeyPem(head.keyId));
  }

  @Get('export.jsonl')
  async export(@Res() response: WebResponse) {
    const dir = mkdtempSync(join(tmpdir(), 'pledge-export-'));
    const path = join(dir, 'export.jsonl');
    try {
      const { treeHead } = await writeExport(this.pool, path);
      // The whole record, for one signed-in reader: no cache on the way may keep a copy.
      response.setHeader('Cache-Control', 'private, no-store');
      await new Promise<void>((resolve, reject) =>
        response.download(
          path,
          `audit-export-${treeHead.treeSize}.jsonl`,
          { cacheControl: false },
          (error) => (error ? reject(error) : resolve()),
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  @Get('history/:kind/:id')
  @Render('audit/history.njk')
  async entityHistory(@Param('kind') kind: string, @Param('id') id: string) {
    const entity = this.registry.entity(kind);
    const ids = idsOf(entity);
    if (!ids.pattern.test(id))
      throw invalidRequest([{ field: 'id', message: `id must be ${ids.description}` }]);
    if (!entity)
      throw new DomainError('entity.kind-unknown', `There is no history for "${kind}"`, 'not-found');
    const history = await this.history.history(entity, id);
    const name = String(history.state?.reference ?? history.state?.title ?? history.state?.name ?? id);
    const heading =
      history.state?.reference && history.state?.title ? `${name} ${String(history.state.title)}` : name;
    const label = labelOf(entity);
    return {
      title: `Audit history of ${label} ${heading}`,
      heading,
      history,
      label,
      href: entity.href?.(id),
      name,
      newestFirst: [...history.events].reverse(),
    };
  }
}

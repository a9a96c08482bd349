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
import { ENTITY_KINDS, EntityHistoryService, type EntityKind } from '../audit/entity-history.service.js';
import { writeExport } from '../audit/exporter.js';
import { LedgerQueries } from '../audit/ledger.queries.js';
import { DomainError } from '../common/domain/domain-error.js';
import { APP_POOL } from '../common/persistence/persistence.module.js';
import { Public } from '../identity/auth.guard.js';
import type { WebRequest, WebResponse } from './web-request.js';
import { UuidParam } from '../common/http/validation.js';

/** Auditors, scrutiny members and admins read the record; officers keep to their actions. */
export const AUDIT_ROLES = ['auditor', 'scrutiny', 'admin'];

class AuditReaders implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const role = context.switchToHttp().getRequest<WebRequest>().actor?.role;
    if (!role || !AUDIT_ROLES.includes(role))
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
  async entityHistory(@Param('kind') kind: string, @UuidParam('id') id: string) {
    if (!(ENTITY_KINDS as string[]).includes(kind))
      throw new DomainError('entity.kind-unknown', `There is no history for "${kind}"`, 'not-found');
    const history = await this.history.history(kind as EntityKind, id);
    const name = String(history.state?.reference ?? history.state?.title ?? id);
    const heading =
      history.state?.reference && history.state?.title ? `${name} ${String(history.state.title)}` : name;
    return {
      title: `Audit history of ${kind} ${heading}`,
      heading,
      history,
      name,
      newestFirst: [...history.events].reverse(),
    };
  }
}

import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CreateKeyCommand, ListKeysQuery, RevokeKeyCommand } from '@app/application';
import { SecretInResponse } from '../http/idempotency.interceptor';
import { Idempotent } from '../http/openapi';
import { SCHEMAS } from '../http/schemas';
import { bodyOf, noQuery } from '../http/request-context';
import { Access } from './access.decorator';

/** Key management (admin). The full key is shown once, on creation. */
@ApiTags('keys')
@ApiBearerAuth()
@Controller('keys')
@Access('admin')
export class KeysController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  /** With an Idempotency-Key, the key is made in the record's transaction; a retry is a 409. */
  @Post()
  @Idempotent()
  @SecretInResponse('key')
  @ApiBody({ schema: SCHEMAS.createKey })
  async create(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, ['name', 'role']);
    const created = await this.commands.execute(new CreateKeyCommand(body));
    res.status(201).setHeader('Location', `/keys/${created.keyId}`);
    return created;
  }

  @Get()
  list(@Req() req: Request) {
    noQuery(req);
    return this.queries.execute(new ListKeysQuery());
  }

  @Delete(':keyId')
  @HttpCode(204)
  async revoke(@Param('keyId') keyId: string, @Req() req: Request) {
    noQuery(req);
    await this.commands.execute(new RevokeKeyCommand(keyId));
  }
}

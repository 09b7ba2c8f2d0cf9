import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ApiKey } from '@app/access';
import {
  CreatedKeySchema,
  CreateKeyBody,
  CreateKeyCommand,
  CurrentKeyQuery,
  CurrentKeySchema,
  KeyListSchema,
  ListKeysQuery,
  RevokeKeyCommand,
  Static,
} from '@app/application';
import { SecretInResponse } from '../http/idempotency.interceptor';
import { Idempotent, Responds, Takes } from '../http/openapi';
import { Access } from './access.decorator';

/** Key management (admin; /keys/current: any key). The full key is shown once, on creation. */
@ApiTags('keys')
@Controller('keys')
@Access('admin')
export class KeysController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post()
  @Responds('Create an API key (admin); the key is shown once', 201, CreatedKeySchema, {
    description:
      'With an Idempotency-Key the key is made in the record’s transaction; a retry is a 409 (the key is not kept).',
    errors: [409, 422],
  })
  @Takes(CreateKeyBody)
  @Idempotent()
  @SecretInResponse('key')
  async create(
    @Body() body: Static<typeof CreateKeyBody>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const created = await this.commands.execute(new CreateKeyCommand(body));
    res.status(201).setHeader('Location', `/keys/${created.keyId}`);
    return created;
  }

  @Get('current')
  @Access('read')
  @Responds(
    'The key this request is made with and what it may do (any role)',
    200,
    CurrentKeySchema,
  )
  current(@Req() req: Request & { apiKey: ApiKey }) {
    return this.queries.execute(new CurrentKeyQuery(req.apiKey));
  }

  @Get()
  @Responds('Every key, active and revoked (admin; never their secrets)', 200, KeyListSchema)
  list() {
    return this.queries.execute(new ListKeysQuery());
  }

  @Delete(':keyId')
  @HttpCode(204)
  @Responds('Revoke a key at once, in every process (admin)', 204, null, { errors: [404] })
  async revoke(@Param('keyId') keyId: string) {
    await this.commands.execute(new RevokeKeyCommand(keyId));
  }
}

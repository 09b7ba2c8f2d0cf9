import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiKeys, ROLES } from '@app/access';
import { oneOf, text } from '@app/domain';
import { SecretInResponse } from '../http/idempotency.interceptor';
import { UnitOfWork } from '../commands/unit-of-work';
import { SCHEMAS } from '../http/schemas';
import { bodyOf } from '../http/request-context';
import { Access } from './access.decorator';
import { AccessGuard } from './access.guard';

/** Key management (admin). The full key is shown once, on creation. */
@ApiTags('keys')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry-safe POST: the same key returns the first result',
})
@Controller('keys')
@Access('admin')
export class KeysController {
  constructor(
    @Inject(ApiKeys) private readonly keys: ApiKeys,
    @Inject(AccessGuard) private readonly guard: AccessGuard,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  /** With an Idempotency-Key, the key is made in the record's transaction; a retry is a 409. */
  @Post()
  @SecretInResponse('key')
  @ApiBody({ schema: SCHEMAS.createKey })
  async create(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, ['name', 'role']);
    const name = text(body.name, 'name', 200);
    const role = oneOf(body.role, ROLES, 'role');
    const { key, apiKey } = await this.unitOfWork.transaction((manager) =>
      this.keys.create(name, role, manager),
    );
    res.status(201).setHeader('Location', `/keys/${apiKey.keyId}`);
    return { ...apiKey, key };
  }

  @Get()
  async list() {
    return { keys: await this.keys.list() };
  }

  @Delete(':keyId')
  @HttpCode(204)
  async revoke(@Param('keyId') keyId: string) {
    if (!/^[a-z0-9]{12}$/.test(keyId))
      throw new NotFoundException('no active key with that id (key ids are 12 of a-z, 0-9)');
    if (!(await this.keys.revoke(keyId))) throw new NotFoundException(`no active key ${keyId}`);
    this.guard.forget(keyId);
  }
}

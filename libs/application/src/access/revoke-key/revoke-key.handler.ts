import { Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ApiKeys } from '@app/access';
import { ApiKeyRevokedEvent, RevokeKeyCommand } from './revoke-key.command';

@CommandHandler(RevokeKeyCommand)
export class RevokeKeyHandler implements ICommandHandler<RevokeKeyCommand> {
  constructor(
    @Inject(ApiKeys) private readonly keys: ApiKeys,
    @Inject(EventBus) private readonly events: EventBus,
  ) {}

  async execute({ keyId }: RevokeKeyCommand): Promise<void> {
    if (!/^[a-z0-9]{12}$/.test(keyId))
      throw new NotFoundException('no active key with that id (key ids are 12 of a-z, 0-9)');
    if (!(await this.keys.revoke(keyId))) throw new NotFoundException(`no active key ${keyId}`);
    this.events.publish(new ApiKeyRevokedEvent(keyId));
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiKeys, ROLES } from '@app/access';
import { oneOf, text } from '@app/domain';
import { UnitOfWork } from '../../ports/unit-of-work';
import { CreateKeyCommand } from './create-key.command';

@CommandHandler(CreateKeyCommand)
export class CreateKeyHandler implements ICommandHandler<CreateKeyCommand> {
  constructor(
    @Inject(ApiKeys) private readonly keys: ApiKeys,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute({ input }: CreateKeyCommand) {
    const name = text(input.name, 'name', 200);
    const role = oneOf(input.role, ROLES, 'role');
    // In the request's transaction when there is one (an Idempotency-Key's record).
    const { key, apiKey } = await this.unitOfWork.transaction((manager) =>
      this.keys.create(name, role, manager),
    );
    return { ...apiKey, key };
  }
}

import { Inject } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { ApiKeyRevokedEvent } from '@app/application';
import { AccessGuard } from './access.guard';

/** A key revoked through this process leaves the guard's cache at once. */
@EventsHandler(ApiKeyRevokedEvent)
export class ForgetRevokedKey implements IEventHandler<ApiKeyRevokedEvent> {
  constructor(@Inject(AccessGuard) private readonly guard: AccessGuard) {}

  handle(event: ApiKeyRevokedEvent): void {
    this.guard.forget(event.keyId);
  }
}

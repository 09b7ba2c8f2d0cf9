import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/**
 * Whether this process has begun to shut down: from then on it reports not ready, so that a
 * load balancer stops sending it requests while it finishes the ones it has.
 */
@Injectable()
export class Lifecycle implements BeforeApplicationShutdown {
  private shuttingDown = false;

  get stopping(): boolean {
    return this.shuttingDown;
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}

import type { Admin, Kafka } from 'kafkajs';

/**
 * A kafkajs admin client connected on first use and shared by the calls after it; a failed
 * connect is not kept (the next call tries again), and close() disconnects it once.
 */
export class LazyAdmin {
  private admin?: Promise<Admin>;

  constructor(private readonly kafka: Kafka) {}

  get(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }
}

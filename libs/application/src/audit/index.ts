// Auditors: verify the hash chains and seals, or seal what is new.
import { SealEventsHandler } from './seal-events/seal-events.handler';
import { VerifyIntegrityHandler } from './verify-integrity/verify-integrity.handler';
export * from './seal-events/seal-events.command';
export * from './verify-integrity/verify-integrity.query';

export const AUDIT_HANDLERS = [SealEventsHandler, VerifyIntegrityHandler];
export * from './audit.schemas';

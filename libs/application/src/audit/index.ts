// Auditors: verify the hash chains and seals, seal what is new, export the statements.
import { EXPORT_HANDLERS } from '../export';
import { AuditChangesHandler, AuditHistoryHandler } from './audit-changes/audit-changes.handler';
import { SealEventsHandler } from './seal-events/seal-events.handler';
import { VerifyIntegrityHandler } from './verify-integrity/verify-integrity.handler';
export * from './seal-events/seal-events.command';
export * from './verify-integrity/verify-integrity.query';

export * from './audit-changes/audit-changes.query';
export type { AuditChange } from './audit-changes/describe-change';

export const AUDIT_HANDLERS = [
  SealEventsHandler,
  VerifyIntegrityHandler,
  AuditChangesHandler,
  AuditHistoryHandler,
  ...EXPORT_HANDLERS,
];
export * from './audit.schemas';

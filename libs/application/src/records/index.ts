// The use cases of this resource, registered with @nestjs/cqrs by the module that serves them.
import { GetRecordHistoryHandler } from './get-record-history/get-record-history.handler';
export * from './get-record-history/get-record-history.query';

export const RECORD_HANDLERS = [GetRecordHistoryHandler];
export * from './record-kinds';

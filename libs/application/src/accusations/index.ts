// The use cases of this resource, registered with @nestjs/cqrs by the module that serves them.
import { GetAccusationHandler } from './get-accusation/get-accusation.handler';
import { MakeAccusationHandler } from './make-accusation/make-accusation.handler';
import { RespondToAccusationHandler } from './respond-to-accusation/respond-to-accusation.handler';
export * from './get-accusation/get-accusation.query';
export * from './make-accusation/make-accusation.command';
export * from './respond-to-accusation/respond-to-accusation.command';

export const ACCUSATION_HANDLERS = [
  GetAccusationHandler,
  MakeAccusationHandler,
  RespondToAccusationHandler,
];
export * from './accusation-view';
export * from './accusation.schemas';

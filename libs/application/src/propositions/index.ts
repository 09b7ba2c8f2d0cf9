// The use cases of this resource, registered with @nestjs/cqrs by the module that serves them.
import { DefinePropositionHandler } from './define-proposition/define-proposition.handler';
import { GetPropositionHandler } from './get-proposition/get-proposition.handler';
import { RewordPropositionHandler } from './reword-proposition/reword-proposition.handler';
import { ListPropositionsHandler } from './list-propositions/list-propositions.handler';
export * from './list-propositions/list-propositions.query';
export * from './define-proposition/define-proposition.command';
export * from './get-proposition/get-proposition.query';
export * from './reword-proposition/reword-proposition.command';

export const PROPOSITION_HANDLERS = [
  ListPropositionsHandler,
  DefinePropositionHandler,
  GetPropositionHandler,
  RewordPropositionHandler,
];
export * from './proposition-view';
export * from './proposition.schemas';

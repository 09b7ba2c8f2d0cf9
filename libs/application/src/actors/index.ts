// The use cases of this resource, registered with @nestjs/cqrs by the module that serves them.
import { AddActorAffiliationHandler } from './add-actor-affiliation/add-actor-affiliation.handler';
import { AddActorAliasHandler } from './add-actor-alias/add-actor-alias.handler';
import { EndActorAffiliationHandler } from './end-actor-affiliation/end-actor-affiliation.handler';
import { GetActorHandler } from './get-actor/get-actor.handler';
import { MergeActorsHandler } from './merge-actors/merge-actors.handler';
import { RegisterActorHandler } from './register-actor/register-actor.handler';
import { SearchActorsHandler } from './search-actors/search-actors.handler';
export * from './search-actors/search-actors.query';
export * from './actor-lookup';
export * from './add-actor-affiliation/add-actor-affiliation.command';
export * from './add-actor-alias/add-actor-alias.command';
export * from './end-actor-affiliation/end-actor-affiliation.command';
export * from './get-actor/get-actor.query';
export * from './merge-actors/merge-actors.command';
export * from './register-actor/register-actor.command';

export const ACTOR_HANDLERS = [
  SearchActorsHandler,
  AddActorAffiliationHandler,
  AddActorAliasHandler,
  EndActorAffiliationHandler,
  GetActorHandler,
  MergeActorsHandler,
  RegisterActorHandler,
];
export * from './actor-view';
export { ACTOR_FIELDS } from './new-actors';
export * from './actor.schemas';

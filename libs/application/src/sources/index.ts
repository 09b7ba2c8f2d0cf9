// The use cases of this resource, registered with @nestjs/cqrs by the module that serves them.
import { AcceptCandidateHandler } from './accept-candidate/accept-candidate.handler';
import { GetCandidatesHandler } from './get-candidates/get-candidates.handler';
import { GetSourceHandler } from './get-source/get-source.handler';
import { RegisterSourceHandler } from './register-source/register-source.handler';
import { RejectCandidateHandler } from './reject-candidate/reject-candidate.handler';
import { ListSourcesHandler } from './list-sources/list-sources.handler';
export * from './list-sources/list-sources.query';
export * from './accept-candidate/accept-candidate.command';
export * from './get-candidates/get-candidates.query';
export * from './get-source/get-source.query';
export * from './register-source/register-source.command';
export * from './reject-candidate/reject-candidate.command';

export const SOURCE_HANDLERS = [
  ListSourcesHandler,
  AcceptCandidateHandler,
  GetCandidatesHandler,
  GetSourceHandler,
  RegisterSourceHandler,
  RejectCandidateHandler,
];
export * from './source-view';
export type { Acceptance } from './accept-candidate/candidate-acceptance';
export * from './source.schemas';

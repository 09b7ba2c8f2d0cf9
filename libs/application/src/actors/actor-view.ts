import { actorDecider, ActorCommand, ActorState, actorStreamId, slug } from '@app/domain';
import type { Static } from '@sinclair/typebox';
import { CommandRunner } from '../command-runner';
import { ActorViewSchema } from './actor.schemas';
import type { Versioned, WriteContext } from '../shared/write-context';

/** An actor as the API shows it (typed by its response schema). */
export type ActorView = Omit<Static<typeof ActorViewSchema>, 'version'>;

export const actorView = (state: ActorState): ActorView => ({
  actorId: state.actorId!,
  name: state.name!,
  kind: state.kind!,
  aliases: state.aliases,
  wikidataId: state.wikidataId,
  countryCode: state.countryCode,
  affiliations: state.affiliations,
  mergedInto: state.mergedInto,
});

/** One command on one actor's stream (aliases, affiliations), checked against If-Match. */
export async function changeActor(
  runner: CommandRunner,
  actorId: unknown,
  command: ActorCommand,
  context: WriteContext,
): Promise<Versioned<ActorView>> {
  const result = await runner.run({
    streamId: actorStreamId(slug(actorId, 'actorId')),
    decider: actorDecider,
    command,
    ifMatch: context.ifMatch,
    metadata: context.metadata,
  });
  return { version: result.version, view: actorView(result.state) };
}

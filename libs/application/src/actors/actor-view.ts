import { actorDecider, ActorCommand, ActorState, actorStreamId, slug } from '@app/domain';
import { CommandRunner } from '../command-runner';
import type { Versioned, WriteContext } from '../shared/write-context';

/** An actor as the API shows it. */
export const actorView = (state: ActorState) => ({
  actorId: state.actorId,
  name: state.name,
  kind: state.kind,
  aliases: state.aliases,
  wikidataId: state.wikidataId,
  countryCode: state.countryCode,
  affiliations: state.affiliations,
  mergedInto: state.mergedInto,
});
export type ActorView = ReturnType<typeof actorView>;

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

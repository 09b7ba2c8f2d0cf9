/**
 * Actor: a state, organisation, government body, person or group that speaks or is spoken
 * about. Stream "actor-<slug>". Aliases resolve names in copy ("the Kremlin" → Russia);
 * affiliations say on whose behalf a person speaks, and when.
 */
import { conflict, notFound, Decider, DomainEvent, invalid, ruleBroken } from '../decider';
import { distinct, list, oneOf, optionalIsoDate, optionalText, slug, text } from '../shared/values';

export const ACTOR_KINDS = ['state', 'organisation', 'government-body', 'person', 'group'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface Affiliation {
  affiliationId: string;
  /** The body the actor belongs to or speaks for (an actor id). */
  organisationId: string;
  role: string;
  from: string | null;
  to: string | null;
}

export type ActorEvent =
  | DomainEvent<
      'ActorRegistered',
      {
        actorId: string;
        name: string;
        kind: ActorKind;
        aliases: string[];
        wikidataId: string | null;
        countryCode: string | null;
      }
    >
  | DomainEvent<'ActorAliasAdded', { actorId: string; alias: string }>
  | DomainEvent<'ActorAffiliationAdded', { actorId: string } & Affiliation>
  | DomainEvent<'ActorAffiliationEnded', { actorId: string; affiliationId: string; to: string }>
  | DomainEvent<'ActorMerged', { actorId: string; into: string; reason: string }>
  | DomainEvent<'ActorAbsorbed', { actorId: string; from: string; aliases: string[] }>;

export type ActorCommand =
  | {
      type: 'RegisterActor';
      actorId: unknown;
      name: unknown;
      kind: unknown;
      aliases?: unknown;
      wikidataId?: unknown;
      countryCode?: unknown;
    }
  | { type: 'AddActorAlias'; alias: unknown }
  | {
      type: 'AddActorAffiliation';
      affiliationId: unknown;
      organisationId: unknown;
      role: unknown;
      from?: unknown;
      to?: unknown;
    }
  | { type: 'EndActorAffiliation'; affiliationId: unknown; to: unknown }
  /** Decided on the duplicate's stream. */
  | { type: 'MergeActor'; into: unknown; reason: unknown }
  /** Decided on the surviving actor's stream, with what the duplicate knew. */
  | { type: 'AbsorbActor'; from: string; aliases: string[]; name: string };

export interface ActorState {
  registered: boolean;
  actorId: string | null;
  name: string | null;
  kind: ActorKind | null;
  aliases: string[];
  wikidataId: string | null;
  countryCode: string | null;
  affiliations: Affiliation[];
  mergedInto: string | null;
}

export const actorStreamId = (actorId: string) => `actor-${actorId}`;

export const actorDecider: Decider<ActorCommand, ActorState, ActorEvent> = {
  initialState: () => ({
    registered: false,
    actorId: null,
    name: null,
    kind: null,
    aliases: [],
    wikidataId: null,
    countryCode: null,
    affiliations: [],
    mergedInto: null,
  }),

  decide(command, state) {
    if (command.type === 'RegisterActor') {
      if (state.registered)
        throw conflict('actor-exists', `actor ${state.actorId} is already registered`, 'actorId');
      const actorId = slug(command.actorId, 'actorId');
      const name = text(command.name, 'name', 200);
      const aliases = distinct(
        list(command.aliases, 'aliases', 50, (v, f) => text(v, f, 200)),
        'aliases',
      );
      if (aliases.some((alias) => sameName(alias, name)))
        throw invalid('aliases', 'an alias repeats the name');
      const wikidataId = optionalText(command.wikidataId, 'wikidataId', 20);
      if (wikidataId !== null && !/^Q[1-9]\d*$/.test(wikidataId))
        throw invalid('wikidataId', 'wikidataId must look like Q148');
      const countryCode = optionalText(command.countryCode, 'countryCode', 2);
      if (countryCode !== null && !/^[A-Z]{2}$/.test(countryCode)) {
        throw invalid('countryCode', 'countryCode must be an ISO 3166-1 alpha-2 code like CN');
      }
      const kind = oneOf(command.kind, ACTOR_KINDS, 'kind');
      return [
        {
          type: 'ActorRegistered',
          data: { actorId, name, kind, aliases, wikidataId, countryCode },
        },
      ];
    }
    const actorId = requireActive(state);
    switch (command.type) {
      case 'AddActorAlias': {
        const alias = text(command.alias, 'alias', 200);
        if (sameName(alias, state.name!) || state.aliases.some((known) => sameName(known, alias))) {
          throw conflict('alias-exists', `"${alias}" is already a name of ${actorId}`, 'alias');
        }
        return [{ type: 'ActorAliasAdded', data: { actorId, alias } }];
      }
      case 'AddActorAffiliation': {
        const affiliationId = slug(command.affiliationId, 'affiliationId');
        if (state.affiliations.some((a) => a.affiliationId === affiliationId)) {
          throw conflict(
            'affiliation-exists',
            `affiliation ${affiliationId} already exists`,
            'affiliationId',
          );
        }
        const organisationId = slug(command.organisationId, 'organisationId');
        if (organisationId === actorId)
          throw ruleBroken(
            'self-affiliation',
            'an actor cannot be affiliated with itself',
            'organisationId',
          );
        const from = optionalIsoDate(command.from, 'from');
        const to = optionalIsoDate(command.to, 'to');
        if (from && to && to < from) throw invalid('to', 'to must not be before from');
        const role = text(command.role, 'role', 200);
        return [
          {
            type: 'ActorAffiliationAdded',
            data: { actorId, affiliationId, organisationId, role, from, to },
          },
        ];
      }
      case 'EndActorAffiliation': {
        const affiliation = state.affiliations.find(
          (a) => a.affiliationId === command.affiliationId,
        );
        if (!affiliation)
          throw invalid(
            'affiliationId',
            `no affiliation ${String(command.affiliationId)} on ${actorId}`,
          );
        if (affiliation.to !== null)
          throw conflict(
            'affiliation-ended',
            `affiliation ${affiliation.affiliationId} already ended`,
            'affiliationId',
          );
        const to = optionalIsoDate(command.to, 'to');
        if (to === null) throw invalid('to', 'to is required');
        if (affiliation.from && to < affiliation.from)
          throw invalid('to', 'to must not be before the affiliation began');
        return [
          {
            type: 'ActorAffiliationEnded',
            data: { actorId, affiliationId: affiliation.affiliationId, to },
          },
        ];
      }
      case 'MergeActor': {
        const into = slug(command.into, 'into');
        if (into === actorId)
          throw ruleBroken('merge-into-self', 'an actor cannot be merged into itself', 'into');
        return [
          {
            type: 'ActorMerged',
            data: { actorId, into, reason: text(command.reason, 'reason', 1000) },
          },
        ];
      }
      case 'AbsorbActor': {
        const names = [command.name, ...command.aliases].filter(
          (name) =>
            !sameName(name, state.name!) && !state.aliases.some((known) => sameName(known, name)),
        );
        return [
          {
            type: 'ActorAbsorbed',
            data: { actorId, from: command.from, aliases: [...new Set(names)] },
          },
        ];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ActorRegistered':
        return { ...state, registered: true, ...event.data, aliases: [...event.data.aliases] };
      case 'ActorAliasAdded':
        return { ...state, aliases: [...state.aliases, event.data.alias] };
      case 'ActorAffiliationAdded': {
        const { actorId: _actorId, ...affiliation } = event.data;
        return { ...state, affiliations: [...state.affiliations, affiliation] };
      }
      case 'ActorAffiliationEnded':
        return {
          ...state,
          affiliations: state.affiliations.map((a) =>
            a.affiliationId === event.data.affiliationId ? { ...a, to: event.data.to } : a,
          ),
        };
      case 'ActorMerged':
        return { ...state, mergedInto: event.data.into };
      case 'ActorAbsorbed':
        return { ...state, aliases: [...state.aliases, ...event.data.aliases] };
    }
  },
};

function requireActive(state: ActorState): string {
  if (!state.registered) throw notFound('actor-not-found', 'the actor is not registered');
  if (state.mergedInto)
    throw conflict(
      'actor-merged',
      `the actor was merged into ${state.mergedInto}; change that one`,
    );
  return state.actorId!;
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, 'en', { sensitivity: 'base' }) === 0;
}

/** The affiliation in force on a date (a principal for a speaker), latest start first. */
export function affiliationsOn(state: ActorState, date: string | null): Affiliation[] {
  return state.affiliations
    .filter(
      (a) =>
        date === null || ((a.from === null || a.from <= date) && (a.to === null || a.to >= date)),
    )
    .sort((a, b) => (b.from ?? '').localeCompare(a.from ?? ''));
}

import { dateText } from '../format';
import { useNames } from '../names';
import type { Affiliation } from '../types';
import { ActorLink } from './ui';

/** Whether an affiliation held on `day` (an ISO date; open ends hold). */
export function heldOn(a: Affiliation, day: string | null | undefined): boolean {
  if (!day) return !a.to;
  return (!a.from || a.from <= day) && (!a.to || day <= a.to);
}

/**
 * An actor's roles in organisations ("spokesman of …, since …"). With `on`, only those held
 * that day: beside a statement, they show whom its speaker spoke for at the time, which is
 * how a misattributed spokesman shows.
 */
export function Affiliations(props: {
  affiliations: Affiliation[];
  on?: string | null;
  testId?: string;
}) {
  const shown =
    props.on === undefined
      ? props.affiliations
      : props.affiliations.filter((a) => heldOn(a, props.on));
  const names = useNames(shown.map((a) => a.organisationId));
  if (shown.length === 0) return null;
  return (
    <ul class="affiliations" data-testid={props.testId}>
      {shown.map((a) => (
        <li key={a.affiliationId}>
          {a.role} of <ActorLink id={a.organisationId} name={names[a.organisationId]} />
          {a.from && a.to
            ? ` (${dateText(a.from)} – ${dateText(a.to)})`
            : a.from
              ? ` (since ${dateText(a.from)})`
              : a.to
                ? ` (until ${dateText(a.to)})`
                : ''}
        </li>
      ))}
    </ul>
  );
}

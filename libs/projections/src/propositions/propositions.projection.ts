/** The propositions read model: each proposition's current wording and tags (rm_propositions). */
import type { PropositionEvent } from '@app/domain';
import { EventHandlers, sequentialProjection } from '../projection';

const PROPOSITION_HANDLERS: EventHandlers<PropositionEvent['type']> = {
  PropositionDefined: (sql, e) =>
    sql.query(
      `INSERT INTO rm_propositions (proposition_id, text, tags, known_from) VALUES ($1, $2, $3, $4)`,
      // Older events may lack tags.
      [e.data.propositionId, e.data.text, e.data.tags ?? [], e.recordedAt.toISOString()],
    ),
  PropositionReworded: (sql, e) =>
    sql.query(`UPDATE rm_propositions SET text = $2 WHERE proposition_id = $1`, [
      e.data.propositionId,
      e.data.text,
    ]),
};

export const propositionsProjection = sequentialProjection(
  'propositions',
  [{ table: 'rm_propositions', key: 'proposition_id' }],
  PROPOSITION_HANDLERS,
);

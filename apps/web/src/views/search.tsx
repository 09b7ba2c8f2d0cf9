import { useState } from 'preact/hooks';
import { get } from '../api';
import { EvidencePanel } from '../components/evidence';
import { MoreButton, usePaged } from '../components/kit';
import { QueryInput, QuerySearch, QuerySelect, submitSearch } from '../components/query-controls';
import { statementIds, StatementRow, statementRows } from '../components/statement-row';
import { ErrorBox, ExportButtons, Loading, Section } from '../components/ui';
import { useLive, useReady } from '../hooks';
import { useNames } from '../names';
import { route, timeParams } from '../router';
import { useSignal } from '../signal';
import type { Page, StatementItem } from '../types';
import { ActorSearch } from './home';

// The statement kinds of the API's schemas (/docs: StatementKind). Copied, not imported: the
// dashboard is a client of the public API and imports no server code.
export const KINDS = [
  'statement',
  'appeal',
  'pledge',
  'praise',
  'criticism',
  'accusation',
  'denial',
  'rejection',
  'warning',
];

/** Every statement by words, kind and date range (the filters live in the URL). */
export function SearchView() {
  const query = useSignal(route).query;
  const [q, kind, from, to] = ['q', 'kind', 'from', 'to'].map((name) => query.get(name) ?? '');
  const time = timeParams();
  const [open, setOpen] = useState<string | null>(null);
  const paged = usePaged<StatementItem, Page<StatementItem>>(
    (more) => get<Page<StatementItem>>('/statements', { q, kind, from, to, ...time, ...more }),
    [q, kind, from, to, time.knownAt, time.asOf],
    50,
  );
  const first = paged.first;
  useLive((c) => c.change.startsWith('statement.'), first.reload);
  const items = paged.items;
  const names = useNames(statementIds(items));
  useReady('search', [!!first.data]);
  const total = first.data?.total ?? first.data?.totalEstimate;
  return (
    <div>
      <h1>Statements</h1>
      <Section title="Find an actor">
        <ActorSearch />
      </Section>
      <Section
        title="Search statements"
        actions={<ExportButtons name="statements" rows={() => statementRows(items)} />}
      >
        <form class="toolbar" onSubmit={submitSearch(['q'])}>
          <QuerySearch
            label="Words"
            name="q"
            placeholder='e.g. enabler, "machine tools", -sanctions'
          />
          <QuerySelect label="Kind" name="kind" options={[['', 'any'], ...KINDS]} />
          <QueryInput label="From" name="from" />
          <QueryInput label="To" name="to" />
          <button type="submit">Search</button>
        </form>
        <ErrorBox error={first.error} />
        <Loading when={first.loading && !first.data} what="statements" />
        {first.data && (
          <p class="muted" role="status">
            {total ?? items.length} statement{total === 1 ? '' : 's'}
          </p>
        )}
        <div class="grid-2">
          <ul class="list" data-testid="statement-results">
            {items.map((s) => (
              <StatementRow key={s.statementId} statement={s} names={names} onOpen={setOpen} />
            ))}
          </ul>
          {open && <EvidencePanel statementId={open} onClose={() => setOpen(null)} />}
        </div>
        <MoreButton paged={paged} what="statements" />
      </Section>
    </div>
  );
}

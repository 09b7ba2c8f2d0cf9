import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { request } from './api';
import { TimeTravel } from './components/time-travel';
import { Loading } from './components/ui';
import { live, liveState } from './live';
import { href, route } from './router';
import { hasKey, session, who, Who } from './session';
import { useSignal } from './signal';
import './styles.css';
import { ActorView } from './views/actor';
import { AlertsView } from './views/alerts';
import { ChangesView } from './views/changes';
import { HomeView } from './views/home';
import { NetworkView } from './views/network';
import { ReviewView } from './views/review';
import { SearchView } from './views/search';
import { SignIn } from './views/sign-in';
import { StatementView } from './views/statement';

const NAV = [
  { path: '/', label: 'Overview' },
  { path: '/search', label: 'Statements' },
  { path: '/network', label: 'Accusations' },
  { path: '/alerts', label: 'Alerts' },
  { path: '/changes', label: 'What changed', needs: 'audit' as const },
  { path: '/review', label: 'Review', needs: 'write' as const },
];

function View() {
  const current = useSignal(route);
  const identity = useSignal(who);
  const [first, id] = current.parts;
  const firstRender = useRef(true);
  useEffect(() => {
    // After a navigation focus goes to the new view (not at load: the header comes first).
    if (firstRender.current) firstRender.current = false;
    else document.getElementById('main')?.focus({ preventScroll: true });
  }, [current.path]);
  if (first === 'actors' && id) return <ActorView actorId={id} />;
  if (first === 'statements' && id) return <StatementView statementId={id} />;
  if (first === 'network') return <NetworkView />;
  // Views that offer actions wait for the key's permissions; the others render at once.
  if (['alerts', 'changes', 'review'].includes(first) && !identity)
    return <Loading when what="what this key may do" />;
  if (first === 'alerts') return <AlertsView />;
  if (first === 'changes') return <ChangesView />;
  if (first === 'review') return <ReviewView sourceId={id} />;
  if (first === 'search') return <SearchView />;
  if (!first) return <HomeView />;
  return (
    <p class="error" role="alert">
      There is no view at {current.path}. <a href={href('/')}>Go to the overview</a>.
    </p>
  );
}

function Header({ identity }: { identity: Who | null }) {
  const current = useSignal(route);
  const state = useSignal(liveState);
  const past = current.query.get('knownAt') || current.query.get('asOf');
  return (
    <header class="top">
      <a
        class="skip"
        href="#main"
        onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}
      >
        Skip to content
      </a>
      <a class="brand" href={href('/')}>
        statement-tracker
      </a>
      <nav aria-label="Views">
        {NAV.filter((item) => !item.needs || session.can(item.needs)).map((item) => (
          <a
            key={item.path}
            href={href(item.path)}
            aria-current={
              (item.path === '/' ? current.path === '/' : current.path.startsWith(item.path))
                ? 'page'
                : undefined
            }
          >
            {item.label}
          </a>
        ))}
      </nav>
      <TimeTravel />
      <span class={`live live-${past ? 'paused' : state}`} role="status" data-testid="live-state">
        {past ? 'viewing the past' : state === 'live' ? 'live' : state}
      </span>
      <span class="who">
        {identity ? (
          <>
            {identity.name} · <strong data-testid="role">{identity.role}</strong>
          </>
        ) : (
          <span role="status">checking the key…</span>
        )}
        <button type="button" onClick={() => session.signOut()}>
          Sign out
        </button>
      </span>
    </header>
  );
}

function App() {
  const identity = useSignal(who);
  const signedIn = useSignal(hasKey);
  // Views render at once with the kept key; who it is (and what it may do) arrives meanwhile.
  useEffect(() => {
    const key = session.key();
    if (!signedIn || !key || who.get()) return;
    request<Who>('GET', '/keys/current', undefined, key).then(
      (found) => session.keep(key, found),
      () => session.signOut('expired'),
    );
  }, [signedIn]);
  useEffect(() => {
    if (signedIn) live.start();
    else live.stop();
  }, [signedIn]);
  if (!signedIn) return <SignIn />;
  return (
    <>
      <Header identity={identity} />
      <main id="main" tabIndex={-1}>
        <View />
      </main>
    </>
  );
}

const root = document.getElementById('app')!;
root.textContent = ''; // the "Loading…" placeholder of index.html
render(<App />, root);

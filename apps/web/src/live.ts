import { session } from './session';
import { signal } from './signal';
import { LiveFeed } from './sse';

/** The tab's one live feed (GET /stream) and its state for the header. */
export const live = new LiveFeed(() => session.key());
export const liveState = signal<LiveFeed['state']>('off');
live.onState = (state) => liveState.set(state);

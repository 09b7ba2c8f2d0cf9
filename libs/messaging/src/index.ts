export * from './consumer-group-replay';
export * from './kafkajs-message-bus';
export * from './message-bus';
export * from './relay/cloudevents';
export * from './relay/relay';
import { RelayCheckpoints1764600000000 } from './migrations/1764600000000-relay-checkpoints';

export const MESSAGING_MIGRATIONS = [RelayCheckpoints1764600000000];
export * from './relay/relay-status';

export * from './kafkajs-message-bus';
export * from './message-bus';

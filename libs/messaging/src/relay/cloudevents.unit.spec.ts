import { toCloudEvent, topicFor } from './cloudevents';

describe('CloudEvents mapping', () => {
  it('puts the data in the value and the envelope in ce_ headers, keyed by stream', () => {
    const message = toCloudEvent({
      eventId: '0b6d1b5e-1f0e-4c7e-9d38-3a1f2f7c4e10',
      streamId: 'statement-4f5e',
      streamPosition: 3,
      globalPosition: 42,
      transactionId: '9001',
      type: 'StatementRetracted',
      schemaVersion: 1,
      data: { retractedOn: '2024-07-12' },
      metadata: { userId: 'key:abc', correlationId: 'c-1', causationId: 'request:1', other: 5 },
      recordedAt: new Date('2024-07-12T10:00:00Z'),
      hash: 'ff',
    });
    expect(message).toEqual({
      topic: 'statement-tracker.statements.v1',
      key: 'statement-4f5e',
      value: '{"retractedOn":"2024-07-12"}',
      headers: {
        ce_specversion: '1.0',
        ce_id: '0b6d1b5e-1f0e-4c7e-9d38-3a1f2f7c4e10',
        ce_type: 'statement-tracker.StatementRetracted.v1',
        ce_source: 'urn:statement-tracker:event-store',
        ce_subject: 'statement-4f5e',
        ce_time: '2024-07-12T10:00:00.000Z',
        'content-type': 'application/json',
        st_stream_version: '3',
        st_global_position: '42',
        st_transaction_id: '9001',
        st_correlation_id: 'c-1',
        st_causation_id: 'request:1',
        st_user: 'key:abc',
      },
    });
    expect(topicFor('accusation')).toBe('statement-tracker.accusations.v1');
  });
});

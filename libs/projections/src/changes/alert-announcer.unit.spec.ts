/**
 * The alert announcements downstream notifiers code against: payload and headers validate
 * against docs/asyncapi.yaml, on the channel whose address is the topic they go to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { alertMessage } from './alert-announcer';
import type { Change } from './change-log';

const doc = parse(readFileSync(join(__dirname, '../../../../docs/asyncapi.yaml'), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(doc, 'asyncapi');
const validate = (name: string, value: unknown) => {
  const check = ajv.getSchema(`asyncapi#/components/schemas/${name}`)!;
  return { valid: check(value), errors: check.errors };
};

const change = (kind: 'alert.raised' | 'alert.cleared'): Change => ({
  id: '7731-42',
  kind,
  ref: '0123456789abcdef0123456789abcdef',
  at: '2024-07-11T10:00:00.123Z',
  actorIds: ['china', 'russia'],
  data: {
    alertId: '0123456789abcdef0123456789abcdef',
    type: 'out-of-character',
    reason: 'attacks-ally',
    actorId: 'russia',
    saidOn: '2024-07-10',
    dateBasis: 'reported',
    evidence: ['0b6d1b5e-1f0e-4c7e-9d38-3a1f2f7c4e10'],
    details: { targetId: 'china' },
  },
});

describe('alert announcements against docs/asyncapi.yaml', () => {
  it.each([
    ['alert.raised', 'AlertRaised'],
    ['alert.cleared', 'AlertCleared'],
  ] as const)('%s goes out as %s with valid headers and payload', (kind, type) => {
    const message = alertMessage(change(kind));
    expect(message.headers!.ce_type).toBe(`statement-tracker.${type}.v1`);
    expect(validate('AnnouncementHeaders', message.headers)).toEqual({ valid: true, errors: null });
    expect(validate(type, JSON.parse(message.value as string))).toEqual({
      valid: true,
      errors: null,
    });
    const channel = Object.values(
      doc.channels as Record<string, { address: string; messages: Record<string, unknown> }>,
    ).find((c) => c.address === message.topic);
    expect(Object.keys(channel!.messages)).toContain(type);
    expect(message.key).toBe(message.headers!.ce_subject);
  });

  it('refuses a payload that breaks the contract', () => {
    const payload = JSON.parse(alertMessage(change('alert.raised')).value as string);
    expect(validate('AlertRaised', { ...payload, type: 'gossip' }).valid).toBe(false);
    expect(validate('AlertRaised', { ...payload, extra: 1 }).valid).toBe(false);
  });
});

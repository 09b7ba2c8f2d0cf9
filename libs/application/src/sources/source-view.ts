import { createHash } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { SourceState } from '@app/domain';
import { SourceViewSchema } from './source.schemas';

/** A source as the API shows it: its document and how many candidates are in each state. */
export type SourceView = Omit<Static<typeof SourceViewSchema>, 'version'>;

export function sourceView(state: SourceState): SourceView {
  return {
    ...state.source!,
    candidates: {
      proposed: state.candidates.filter((c) => c.status === 'proposed').length,
      accepted: state.candidates.filter((c) => c.status === 'accepted').length,
      rejected: state.candidates.filter((c) => c.status === 'rejected').length,
    },
  };
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A UUID named by a hash (version 8, "custom"): the same text always names the same source. */
export function uuidFromHash(hex: string): string {
  const h = hex.slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

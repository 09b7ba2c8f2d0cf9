/**
 * The nine statement kinds, aligned with CAMEO so exports interoperate with political event
 * data, and their Goldstein weights (conflict −10 … cooperation +10) for attitude series.
 */
export const STATEMENT_KINDS = [
  'statement',
  'appeal',
  'pledge',
  'praise',
  'criticism',
  'accusation',
  'denial',
  'rejection',
  'warning',
] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export interface KindInfo {
  /** Default CAMEO code of the kind. */
  cameo: string;
  /** Codes of the kind's family an analyst may pick instead (e.g. 138: threaten with military force). */
  cameoFamily: Record<string, number>;
  goldstein: number;
  verbs: readonly string[];
}

export const KINDS: Record<StatementKind, KindInfo> = {
  statement: {
    cameo: '010',
    cameoFamily: { '010': 0 },
    goldstein: 0,
    verbs: ['say', 'tell', 'insist', 'add'],
  },
  appeal: {
    cameo: '020',
    cameoFamily: { '020': 3 },
    goldstein: 3,
    verbs: ['urge', 'call on', 'ask', 'appeal'],
  },
  pledge: {
    cameo: '030',
    cameoFamily: { '030': 4 },
    goldstein: 4,
    verbs: ['vow', 'pledge', 'promise', 'commit'],
  },
  praise: {
    cameo: '051',
    cameoFamily: { '051': 3.4 },
    goldstein: 3.4,
    verbs: ['praise', 'welcome', 'hail'],
  },
  criticism: {
    cameo: '111',
    cameoFamily: { '111': -2 },
    goldstein: -2,
    verbs: ['criticise', 'condemn', 'denounce'],
  },
  accusation: {
    cameo: '112',
    cameoFamily: { '112': -2, '1121': -2, '1122': -2, '1123': -2, '1124': -2, '1125': -2 },
    goldstein: -2,
    verbs: ['accuse', 'blame', 'brand', 'allege'],
  },
  denial: { cameo: '016', cameoFamily: { '016': -2 }, goldstein: -2, verbs: ['deny'] },
  rejection: {
    cameo: '120',
    cameoFamily: { '120': -4 },
    goldstein: -4,
    verbs: ['reject', 'dismiss', 'disagree'],
  },
  warning: {
    cameo: '130',
    cameoFamily: { '130': -4.4, '138': -7 },
    goldstein: -4.4,
    verbs: ['warn', 'threaten'],
  },
};

/** The CAMEO code and Goldstein weight for a kind, optionally refined within its family. */
export function classify(
  kind: StatementKind,
  cameo?: string | null,
): { cameo: string; goldstein: number } | null {
  const info = KINDS[kind];
  const code = cameo ?? info.cameo;
  const goldstein = info.cameoFamily[code];
  return goldstein === undefined ? null : { cameo: code, goldstein };
}

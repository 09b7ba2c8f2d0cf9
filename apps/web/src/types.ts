// The shapes of the API answers the dashboard reads (see /docs for the full schemas).

export interface StatementItem {
  statementId: string;
  version: number;
  speakerId: string;
  principalId: string | null;
  kind: string;
  cameo: string | null;
  goldstein: number | null;
  targetIds: string[];
  quote: string | null;
  summary: string | null;
  saidAt: { date: string | null; precision: string };
  stances: { stance: string; propositionId: string }[];
  status: 'recorded' | 'retracted' | 'withdrawn';
  corrections: number;
  mentions: number | { sourceId: string; span?: { start: number; end: number } }[];
  sourceIds?: string[];
  recordedAt?: string;
  datedOn: string | null;
  dateBasis: string;
  role?: string[];
}

export interface Page<T> {
  items: T[];
  total?: number;
  totalEstimate?: number;
  nextCursor: string | null;
}

export interface Affiliation {
  affiliationId: string;
  organisationId: string;
  role: string;
  from: string | null;
  to: string | null;
}

export interface Actor {
  actorId: string;
  name: string;
  kind: string;
  aliases: string[];
  countryCode?: string | null;
  affiliations?: Affiliation[];
  statements?: { asSpeaker: number; asPrincipal: number; asTarget: number };
}

export interface Evidence {
  statementId: string;
  stance: string;
  saidOn: string | null;
  dateBasis: string;
  speakerId: string;
  principalId: string | null;
  corrections: number;
}

export interface Position {
  propositionId: string;
  proposition: string | null;
  currentStance: string;
  since: string | null;
  counts: { supports: number; opposes: number };
  shiftCount: number;
  shifts: {
    saidOn: string | null;
    from: string | null;
    to: string;
    statementId: string;
    corrections: number;
  }[];
  evidence: Evidence[];
}

export interface Relations {
  actorId: string;
  direction: string;
  granularity: 'week' | 'month';
  counterparts: {
    actorId: string;
    name: string | null;
    statements: number;
    meanGoldstein: number | null;
    series: {
      bucket: string;
      statements: number;
      meanGoldstein: number | null;
      byKind: Record<string, number>;
    }[];
  }[];
}

export interface Allegation {
  accusationId: string;
  statementId: string;
  accuserId: string;
  accusedIds: string[];
  allegation: string;
  quote: string | null;
  saidOn: string | null;
  status: string;
  derived: boolean;
  responses: {
    response: string;
    respondentId: string;
    statementId: string;
    saidOn: string | null;
  }[];
}

export interface Graph {
  nodes: { actorId: string; name: string }[];
  edges: {
    accuserId: string;
    accusedId: string;
    accusations: number;
    byStatus: Record<string, number>;
    firstSaidOn: string | null;
    lastSaidOn: string | null;
    allegations: Allegation[];
  }[];
}

export interface Alert {
  alertId: string;
  type: string;
  reason: string;
  actorId: string;
  partyIds: string[];
  saidOn: string | null;
  evidence: string[];
  details: Record<string, unknown>;
  state: string;
  raisedAt: string;
  clearedAt: string | null;
  review?: unknown;
  actions: { action: string; method: string; href: string; hint?: string }[];
}

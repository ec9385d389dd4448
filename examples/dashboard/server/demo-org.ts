/** The demo organization every visitor of the dashboard works in. */
export const DEMO_ORG = {
  id: 'acme',
  name: 'Acme Corp',
  domain: 'acme.com',
  monthlyPool: 60_000,
} as const;

/** One person of the demo organization. */
export interface DemoPerson {
  name: string;
  /** Local part of the email at the demo domain; the email is also the user id. */
  handle: string;
  role: 'admin' | 'member';
  /** Their monthly allocation in the seeded history. */
  allocation: number;
  /** How heavily they use their credits, 0–1 of their allocation per month. */
  appetite: number;
}

/** The seeded people: two admins and eleven members. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { name: 'Ada Lovelace', handle: 'ada', role: 'admin', allocation: 6000, appetite: 0.55 },
  { name: 'Grace Hopper', handle: 'grace', role: 'admin', allocation: 5000, appetite: 0.4 },
  { name: 'Maya Patel', handle: 'maya', role: 'member', allocation: 6000, appetite: 0.85 },
  { name: 'Jonas Berg', handle: 'jonas', role: 'member', allocation: 5000, appetite: 0.7 },
  { name: 'Sofia Rossi', handle: 'sofia', role: 'member', allocation: 4500, appetite: 0.9 },
  { name: "Liam O'Brien", handle: 'liam', role: 'member', allocation: 4000, appetite: 0.5 },
  { name: 'Chen Wei', handle: 'chen', role: 'member', allocation: 4000, appetite: 0.75 },
  { name: 'Amara Okafor', handle: 'amara', role: 'member', allocation: 3500, appetite: 0.95 },
  { name: 'Lucas Martin', handle: 'lucas', role: 'member', allocation: 3000, appetite: 0.3 },
  { name: 'Priya Nair', handle: 'priya', role: 'member', allocation: 3000, appetite: 0.65 },
  { name: 'Noah Fischer', handle: 'noah', role: 'member', allocation: 2500, appetite: 0.8 },
  { name: 'Elena Petrova', handle: 'elena', role: 'member', allocation: 2500, appetite: 0.45 },
  { name: 'Omar Haddad', handle: 'omar', role: 'member', allocation: 2000, appetite: 0.6 },
];

/** The email (and user id) of a demo person. */
export function emailOf(handle: string): string {
  return `${handle}@${DEMO_ORG.domain}`;
}

/** What seeded usage is for. */
export const USAGE_KINDS = [
  'Image generation',
  'Video render',
  'Report export',
  'API batch',
  'Transcription',
  'Data sync',
  'Model fine-tune',
  'Search index rebuild',
] as const;

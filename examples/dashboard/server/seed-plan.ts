import { periodContaining } from '@allot/core/port';

/** Milliseconds in a day. */
export const DAY = 86_400_000;

/** One scripted request story of the seed: who asks, when, and how it ends. */
export interface RequestStory {
  handle: string;
  /** Which period: 0 is two periods ago, 2 is the current one. */
  period: 0 | 1 | 2;
  /** Day of the period the request is made on. */
  day: number;
  amount: number;
  message?: string;
  outcome: 'approved' | 'rejected' | 'cancelled' | 'pending';
  /** For approvals: grant less than asked. */
  granted?: number;
  reason?: string;
}

/** Every request of the seeded history, in every state. */
export const REQUEST_STORIES: readonly RequestStory[] = [
  {
    handle: 'sofia',
    period: 0,
    day: 9,
    amount: 1500,
    message: 'Client pitch renders for Northwind.',
    outcome: 'approved',
  },
  {
    handle: 'amara',
    period: 0,
    day: 14,
    amount: 1000,
    message: 'Extra transcription for the user interviews.',
    outcome: 'rejected',
    reason: 'Please use the research project budget for this.',
  },
  {
    handle: 'noah',
    period: 1,
    day: 4,
    amount: 800,
    message: 'Batch re-run of last week’s exports.',
    outcome: 'cancelled',
  },
  {
    handle: 'maya',
    period: 1,
    day: 11,
    amount: 2000,
    message: 'Fine-tuning the support model before launch.',
    outcome: 'approved',
    granted: 1500,
  },
  {
    handle: 'chen',
    period: 1,
    day: 19,
    amount: 5000,
    message: 'Rebuilding every search index.',
    outcome: 'rejected',
    reason: 'Too large for this month — split it over two periods.',
  },
  {
    handle: 'amara',
    period: 2,
    day: 2,
    amount: 1200,
    message: 'Interview transcripts, round two.',
    outcome: 'approved',
  },
  { handle: 'lucas', period: 2, day: 6, amount: 300, outcome: 'cancelled' },
  {
    handle: 'sofia',
    period: 2,
    day: 14,
    amount: 1000,
    message: 'Quarter-end reporting for the board.',
    outcome: 'pending',
  },
  {
    handle: 'jonas',
    period: 2,
    day: 15,
    amount: 750,
    message: 'Training a classifier for ticket routing.',
    outcome: 'pending',
  },
  { handle: 'omar', period: 2, day: 16, amount: 500, outcome: 'pending' },
];

/** The seed's timeline: the organization's anchor day and the three periods it fills. */
export interface SeedTimeline {
  anchorDay: number;
  /** Start of each of the three periods (the last one is current). */
  periodStarts: [Date, Date, Date];
  /** The seed stops here, a little before the real now. */
  end: Date;
}

/**
 * Picks the anchor day so the current period began about 18 days ago (every tab then has
 * something to show whatever day the demo starts), and the two periods before it.
 */
export function seedTimeline(now: Date): SeedTimeline {
  const anchorDay = Math.min(28, Math.max(1, new Date(now.getTime() - 18 * DAY).getUTCDate()));
  const current = new Date(periodContaining(now, anchorDay).start);
  const back = (months: number) =>
    new Date(Date.UTC(current.getUTCFullYear(), current.getUTCMonth() - months, anchorDay));
  return { anchorDay, periodStarts: [back(2), back(1), current], end: new Date(now.getTime() - 10 * 60_000) };
}

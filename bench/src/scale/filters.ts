import type { NamedFilter } from './target';

const DAY = 24 * 60 * 60 * 1000;

/** The history the scale cases seed: `months` months ending now. */
export function historyWindow(months: number, now = new Date()): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - Math.round(months * 30.4375 * DAY)), to: now };
}

/** The filters of case 5 over a history that starts at `from`. */
export function analyticsFilters(from: Date): NamedFilter[] {
  const at = (days: number) => new Date(from.getTime() + days * DAY).toISOString();
  return [
    { name: 'no filter', filter: {} },
    { name: 'by user', filter: { userId: 'm17' } },
    { name: 'by event type (usage)', filter: { type: ['usage'] } },
    { name: 'by date range (30 days)', filter: { from: at(150), to: at(180) } },
    {
      name: 'combined (user + usage + 90 days)',
      filter: { userId: 'm17', type: ['usage'], from: at(90), to: at(180) },
    },
  ];
}

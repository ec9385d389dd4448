import type { Hold } from '@allot/core';
import { credits, dateTime, timeLeft } from '../format';

/**
 * Active holds: credits reserved by jobs that have not finished yet, newest first. With
 * `onRelease`, each has a Release button that returns its credits to the member.
 */
export function HoldList(props: {
  holds: readonly Hold[];
  /** Display names by user id; the member column is left out when absent. */
  names?: Map<string, string>;
  onRelease?: (hold: Hold) => void;
  releasing?: boolean;
  testId?: string;
}) {
  const { holds, names, onRelease } = props;
  return (
    <ul className="holds" data-testid={props.testId ?? 'hold-list'}>
      {holds.map((hold) => (
        <li key={hold.id} data-testid="hold-row" data-hold-id={hold.id} data-user-id={hold.userId}>
          <span className="grow">
            {names && <strong>{names.get(hold.userId) ?? hold.userId} </strong>}
            <span className={names ? 'muted' : undefined}>{hold.description || 'Job in progress'}</span>
            <div className="muted small">
              Reserved {dateTime(hold.createdAt)} · lapses {timeLeft(hold.expiresAt)}
            </div>
          </span>
          <span className="amount held-amount" data-testid="hold-amount">
            {credits(hold.amount)}
          </span>
          {onRelease && (
            <button
              type="button"
              onClick={() => onRelease(hold)}
              disabled={props.releasing}
              title="Return the held credits to the member"
              data-testid="release-hold"
            >
              Release
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

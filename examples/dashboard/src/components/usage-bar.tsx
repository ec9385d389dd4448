import type { Overview } from '@allot/core';

/** The pool's usage (of the monthly pool plus this period's top-ups) as a bar coloured by the organization's thresholds, with the thresholds marked. */
export function UsageBar({ overview }: { overview: Overview }) {
  const percent = Math.min(100, Math.max(0, overview.usagePercent));
  return (
    <div className="usage">
      <div className="usage-head">
        <span>
          <strong>{percent.toFixed(1)}%</strong> of the {overview.topUps > 0 ? 'topped-up' : 'monthly'} pool
          used
        </span>
        <span className={`health health-${overview.health}`} data-testid="health">
          {overview.health}
        </span>
      </div>
      <div
        className="usage-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        data-testid="usage-bar"
        data-health={overview.health}
      >
        <div className={`usage-fill fill-${overview.health}`} style={{ width: `${percent}%` }} />
        <span
          className="usage-mark"
          style={{ left: `${overview.thresholds.yellow}%` }}
          title="yellow threshold"
        />
        <span className="usage-mark" style={{ left: `${overview.thresholds.red}%` }} title="red threshold" />
      </div>
      <div className="usage-legend">
        <span>
          <i className="dot fill-green" /> below {overview.thresholds.yellow}%
        </span>
        <span>
          <i className="dot fill-yellow" /> {overview.thresholds.yellow}–{overview.thresholds.red}%
        </span>
        <span>
          <i className="dot fill-red" /> from {overview.thresholds.red}%
        </span>
      </div>
    </div>
  );
}

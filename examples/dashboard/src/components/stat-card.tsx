import type { ReactNode } from 'react';

/** A figure with its label and an optional line under it. */
export function StatCard(props: {
  label: string;
  value: string;
  hint?: ReactNode;
  testId: string;
  badge?: ReactNode;
}) {
  return (
    <section className="stat-card" data-testid={props.testId}>
      <header>
        <span className="stat-label">{props.label}</span>
        {props.badge}
      </header>
      <strong className="stat-value" data-testid={`${props.testId}-value`}>
        {props.value}
      </strong>
      {props.hint && <span className="stat-hint">{props.hint}</span>}
    </section>
  );
}

import { type ReactNode, useEffect, useId } from 'react';
import { ErrorNote } from './error-note';

/** A modal dialog: a backdrop and a titled panel; Escape closes it. */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; testId?: string }) {
  const titleId = useId();
  const { onClose } = props;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={props.testId}
      >
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

/** A dialog form's footer: the call's error, Cancel, and the submit button (its pending label while the call runs). */
export function DialogActions(props: {
  error: unknown;
  onCancel: () => void;
  label: string;
  pendingLabel: string;
  pending: boolean;
  disabled: boolean;
  testId: string;
}) {
  return (
    <>
      <ErrorNote error={props.error} testId="dialog-error" />
      <div className="row end">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="primary"
          disabled={props.disabled || props.pending}
          data-testid={props.testId}
        >
          {props.pending ? props.pendingLabel : props.label}
        </button>
      </div>
    </>
  );
}

import { type ReactNode, useEffect, useId } from 'react';

/** A modal dialog: a backdrop, a titled panel, Escape and the backdrop close it. */
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
    <div className="backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={props.testId}>
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

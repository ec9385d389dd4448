/** The whole number of credits a field's text holds, or null while it holds none (or less than `min`). */
export function wholeCredits(text: string, min: 0 | 1): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isSafeInteger(value) && value >= min ? value : null;
}

/** A labelled input for a whole number of credits, at least `min`. */
export function CreditsField(props: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  min: 0 | 1;
  testId: string;
  autoFocus?: boolean;
}) {
  return (
    <label>
      {props.label}
      <input
        type="number"
        min={props.min}
        step={1}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        // biome-ignore lint/a11y/noAutofocus: only the dialogs set it, to focus a modal's first field
        autoFocus={props.autoFocus}
        data-testid={props.testId}
      />
    </label>
  );
}

import { isAllotHttpError } from '@allot/react';

/** Shows an error a person can act on: the Allot problem's detail and any invalid fields. */
export function ErrorNote({ error, testId = 'error' }: { error: unknown; testId?: string }) {
  if (!error) return null;
  const detail = isAllotHttpError(error)
    ? error.detail
    : error instanceof Error
      ? error.message
      : String(error);
  const issues = isAllotHttpError(error) ? error.issues : [];
  return (
    <div
      className="error-note"
      role="alert"
      data-testid={testId}
      data-code={isAllotHttpError(error) ? error.code : undefined}
    >
      <p>{detail}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

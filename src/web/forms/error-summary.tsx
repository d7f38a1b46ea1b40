// The problem summary at the top of a form: announced, focused after a failed submit, each field
// problem a link that moves focus to the field.
import { useEffect, useId, useRef, type MouseEvent } from 'react';
import type { FormProblem } from './use-form.js';

export function ErrorSummary({ problem, attempt }: { problem: FormProblem | null; attempt: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);

  if (!problem) return null;

  function jump(event: MouseEvent<HTMLAnchorElement>, targetId: string) {
    const control = document.getElementById(targetId);
    if (!control) return;
    event.preventDefault();
    control.focus();
    control.scrollIntoView({ block: 'center' });
  }

  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <h2 className="error-summary__title" id={titleId}>
        {problem.title}
      </h2>
      {typeof problem.detail === 'string' ? <p>{problem.detail}</p> : problem.detail && <div className="error-summary__detail">{problem.detail}</div>}
      {problem.items.length > 0 && (
        <ul>
          {problem.items.map((item, index) => (
            <li key={`${item.targetId ?? ''}-${index}`}>
              {item.targetId ? (
                <a href={`#${item.targetId}`} onClick={(event) => jump(event, item.targetId!)}>
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

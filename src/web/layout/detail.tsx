// One term and its value in a description list (`<dl className="details">`).
import type { ReactNode } from 'react';

export function Detail({ term, children, testId }: { term: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

// Asking once before a consequential step (issue 13): accepting or declining an offer, approving an
// application, removing a co-author or a partner. The button opens, in its place, the question with
// what will happen, a button that does it (which takes the focus) and "Cancel", which puts the
// focus back on the first button. Nothing is sent until the second press.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.js';

export interface ConfirmButtonProps {
  /** The first button's text, e.g. "Accept offer". */
  label: string;
  /** The first button's accessible name when its text alone is not enough ("Remove ILO as co-author"). */
  ariaLabel?: string;
  /** The question and what follows from it, e.g. "Accept the offer of ILO? They are told at once." */
  question: ReactNode;
  /** The second button's text, e.g. "Yes, accept". */
  confirmLabel: string;
  /** The second button's text when "Cancel" says too little, e.g. "Keep it". */
  cancelLabel?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  small?: boolean;
  busy?: boolean;
  /** Runs on the second press; the question closes afterwards (the button may be gone by then). */
  onConfirm: () => Promise<void> | void;
}

export function ConfirmButton({ label, ariaLabel, question, confirmLabel, cancelLabel, variant = 'secondary', small, busy, onConfirm }: ConfirmButtonProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [focus, setFocus] = useState<'yes' | 'first' | null>(null);
  const first = useRef<HTMLButtonElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  const size = small ? ' button--small' : '';

  useEffect(() => {
    if (focus === 'yes') yes.current?.focus();
    if (focus === 'first') first.current?.focus();
    if (focus) setFocus(null);
  }, [focus]);

  if (!asking) {
    return (
      <button
        type="button"
        ref={first}
        className={`button button--${variant === 'danger' ? 'secondary' : variant}${size}`}
        aria-label={ariaLabel}
        onClick={() => {
          setAsking(true);
          setFocus('yes');
        }}
      >
        {label}
      </button>
    );
  }
  return (
    <div className="confirm-ask" role="group" aria-labelledby={questionId}>
      <p id={questionId} className="confirm-ask__question">
        {question}
      </p>
      <div className="button-row confirm-ask__buttons">
        <button
          type="button"
          ref={yes}
          className={`button button--${variant}${size}`}
          aria-disabled={busy || undefined}
          onClick={() => {
            if (busy) return;
            void Promise.resolve(onConfirm()).finally(() => setAsking(false));
          }}
        >
          {confirmLabel}
        </button>
        <button
          type="button"
          className={`button button--secondary${size}`}
          onClick={() => {
            setAsking(false);
            setFocus('first');
          }}
        >
          {cancelLabel ?? t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

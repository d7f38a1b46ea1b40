// Labelled form controls. Each takes the dotted API field name (`organization.country`), so server
// errors map straight onto it, and wires hint and error to the control with aria-describedby.
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.js';
import type { FieldBinding } from './use-form.js';

interface CommonProps extends FieldBinding {
  hint?: ReactNode;
  required?: boolean;
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function Label({ id, label, required }: { id: string; label: string; required: boolean | undefined }) {
  // The asterisk stays outside <label> so the control's accessible name is exactly the label;
  // assistive technologies announce "required" from the attribute.
  return (
    <div className="field__label">
      <label htmlFor={id}>{label}</label>
      {required && (
        <span className="field__required" aria-hidden="true">
          *
        </span>
      )}
    </div>
  );
}

function HintAndError({ id, hint, error }: { id: string; hint: ReactNode; error: string | undefined }) {
  const t = useT();
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      )}
    </>
  );
}

export interface TextFieldProps extends CommonProps {
  type?: 'text' | 'email' | 'password' | 'url' | 'search';
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'url' | 'decimal' | 'numeric';
  spellCheck?: boolean;
  maxLength?: number;
}

export function TextField({ id, name, label, value, onChange, error, hint, required, type = 'text', autoComplete, inputMode, spellCheck, maxLength }: TextFieldProps) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <Label id={id} label={label} required={required} />
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={spellCheck}
        maxLength={maxLength}
      />
    </div>
  );
}

export interface TextAreaFieldProps extends CommonProps {
  rows?: number;
  maxLength?: number;
}

export function TextAreaField({ id, name, label, value, onChange, error, hint, required, rows = 6, maxLength }: TextAreaFieldProps) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <Label id={id} label={label} required={required} />
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        maxLength={maxLength}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export interface SelectFieldProps extends CommonProps {
  options: readonly Option[];
  /** The first, empty choice ("Choose…"). */
  placeholder: string;
  autoComplete?: string;
}

export function SelectField({ id, name, label, value, onChange, error, hint, required, options, placeholder, autoComplete }: SelectFieldProps) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <Label id={id} label={label} required={required} />
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        autoComplete={autoComplete}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface RadioOption extends Option {
  hint?: string;
}

export interface RadioGroupFieldProps extends CommonProps {
  options: readonly RadioOption[];
}

/** A fieldset of radio buttons; the legend is the question. The first radio carries the field id. */
export function RadioGroupField({ id, name, label, value, onChange, error, hint, required, options }: RadioGroupFieldProps) {
  return (
    <fieldset className={error ? 'field field--error radios' : 'field radios'} aria-describedby={describedBy(id, hint, error)}>
      <legend>
        {label}
        {required && (
          <span className="field__required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </legend>
      <HintAndError id={id} hint={hint} error={error} />
      {options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${option.value}`;
        return (
          <div className="radio" key={option.value}>
            <input
              type="radio"
              id={optionId}
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              required={required}
              aria-describedby={option.hint ? `${optionId}-hint` : undefined}
            />
            <label htmlFor={optionId}>{option.label}</label>
            {option.hint && (
              <p className="radio__hint" id={`${optionId}-hint`}>
                {option.hint}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** The submit button. It stays enabled (so focus is never lost) and says when it is working. */
export function SubmitButton({ children, busy, busyLabel, variant = 'primary' }: { children: ReactNode; busy: boolean; busyLabel?: string; variant?: 'primary' | 'danger' }) {
  const t = useT();
  return (
    <div className="form-actions">
      <button type="submit" className={`button button--${variant}`} aria-disabled={busy || undefined}>
        {children}
      </button>
      <span className="form-actions__status" role="status">
        {busy ? (busyLabel ?? t('common.sending')) : ''}
      </span>
    </div>
  );
}

/** "Fields marked * are required." at the top of a form with required fields. */
export function RequiredNote() {
  const t = useT();
  return <p className="form-note">{t('form.requiredNote')}</p>;
}

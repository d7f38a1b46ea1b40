// Form state with the error handling every form shares: values are kept on any error, client
// checks and server field errors (`errors[].field`, dotted like `organization.country`) land next
// to their field, and a summary of the problem is shown at the top and focused.
import { useCallback, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { isAbort, isApiError, type ApiError } from '../api/client.js';
import { t } from '../i18n/i18n.js';
import { humanFieldName } from '../../shared/field-names.js';

export type Values = Record<string, string>;

export interface FieldSpec {
  /** The visible label. */
  label: string;
  /** How error messages name the field, when the label does not read well in a sentence. */
  errorName?: string;
}

export interface ProblemItem {
  /** The id of the control to jump to, or null for a problem with the whole form. */
  targetId: string | null;
  message: string;
}

export interface FormProblem {
  title: string;
  detail?: ReactNode;
  items: ProblemItem[];
}

export type ErrorDescriber = (error: ApiError) => Pick<FormProblem, 'title' | 'detail'> | undefined;

export interface FieldBinding {
  /** The control's id: `field-<name>`, prefixed when a page has the same form more than once. */
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}

/** How a message names a field: its label, or else words made from the server's path (never the path). */
const nameOf = (spec: FieldSpec | undefined, field: string) => spec?.errorName ?? spec?.label ?? humanFieldName(field);

/** "Your email must be a valid email address." from the server's `must be a valid email address`. */
export function composeFieldError(name: string, detail: string): string {
  const text = detail.trim();
  // The server's messages are sentence fragments ("is required"); anything else is shown as is.
  if (/^[A-Z]/.test(text)) return text;
  return t('form.fieldError', { name, detail: text.replace(/\.$/, '') });
}

/** The id of a field's control; error-summary links point here. */
export const fieldId = (name: string, prefix = '') => `${prefix}field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The server's explanation, plus how long to wait when it asks us to slow down (429). */
function withRetryHint(error: ApiError): string {
  if (error.status !== 429 || !error.retryAfter) return error.detail;
  return `${error.detail} ${t('error.retryAfter', { count: Math.max(1, Math.ceil(error.retryAfter / 60)) })}`.trim();
}

export function useForm<V extends Values>(initial: V, specs: Record<keyof V & string, FieldSpec>, options: { idPrefix?: string } = {}) {
  const idPrefix = options.idPrefix ?? '';
  const [values, setValues] = useState<V>(initial);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<string, string>>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const busy = useRef(false);

  const setValue = useCallback((name: keyof V & string, value: string) => {
    setValues((previous) => ({ ...previous, [name]: value }));
  }, []);

  const reset = useCallback(
    (next: V = initial) => {
      setValues(next);
      setFieldErrors({});
      setProblem(null);
    },
    [initial],
  );

  const clearProblem = useCallback(() => {
    setProblem(null);
    setFieldErrors({});
  }, []);

  function showErrors(errors: Partial<Record<string, string>>, base: Pick<FormProblem, 'title' | 'detail'>) {
    const items: ProblemItem[] = [];
    for (const [field, message] of Object.entries(errors)) {
      if (message) items.push({ targetId: field in specs ? fieldId(field, idPrefix) : null, message });
    }
    setFieldErrors(errors);
    setProblem({ ...base, items });
    setAttempt((n) => n + 1);
  }

  function fromApiError(error: ApiError, describe?: ErrorDescriber) {
    const errors: Record<string, string> = {};
    for (const [field, detail] of Object.entries(error.fieldErrors)) {
      errors[field] = composeFieldError(nameOf(specs[field as keyof V & string], field), detail);
    }
    if (Object.keys(errors).length > 0) {
      showErrors(errors, { title: t('form.problemTitle') });
    } else {
      showErrors({}, describe?.(error) ?? { title: error.title, detail: withRetryHint(error) });
    }
  }

  /**
   * Handles a submit: `validate` returns messages by field (empty when all is well); `action`
   * sends the values and may throw an ApiError, which is shown on the form.
   */
  async function submit(
    event: FormEvent,
    action: (values: V) => Promise<void>,
    options: { validate?: (values: V) => Partial<Record<keyof V & string, string>>; describe?: ErrorDescriber } = {},
  ) {
    event.preventDefault();
    if (busy.current) return;
    const clientErrors = options.validate?.(values) ?? {};
    if (Object.values(clientErrors).some(Boolean)) {
      showErrors(clientErrors, { title: t('form.problemTitle') });
      return;
    }
    busy.current = true;
    setSubmitting(true);
    try {
      await action(values);
      setFieldErrors({});
      setProblem(null);
    } catch (error) {
      if (isAbort(error)) return;
      if (isApiError(error)) fromApiError(error, options.describe);
      else showErrors({}, { title: t('error.unexpected.title'), detail: t('error.unexpected.detailClient') });
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  }

  function field(name: keyof V & string): FieldBinding {
    return {
      id: fieldId(name, idPrefix),
      name,
      label: specs[name].label,
      value: values[name] ?? '',
      onChange: (value: string) => setValue(name, value),
      error: fieldErrors[name],
    };
  }

  return { values, setValue, reset, clearProblem, field, submit, submitting, problem, attempt };
}

// ---- client-side checks (the server checks again) -----------------------------------------

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkRequired<V extends Values>(values: V, specs: Record<keyof V & string, FieldSpec>, names: Array<keyof V & string>) {
  const errors: Partial<Record<keyof V & string, string>> = {};
  for (const name of names) {
    if (!(values[name] ?? '').trim()) errors[name] = t('validation.required', { name: nameOf(specs[name], name) });
  }
  return errors;
}

export function checkEmail(value: string, name: string): string | undefined {
  return value.trim() && !EMAIL.test(value.trim()) ? t('validation.email', { name }) : undefined;
}

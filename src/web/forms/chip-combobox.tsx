// Choosing several items from a long list (countries): a text box that filters the list as you
// type, and the chosen items as removable chips above it. It replaces the "hold Ctrl" multiple
// <select>, which touch screens cannot use and which scrolls chosen items out of sight.
// The ARIA 1.2 combobox pattern with a listbox popup (aria-activedescendant, so focus stays in the
// box): Down/Up move through the matches, Enter chooses, Escape closes, Backspace in an empty box
// removes the last chip. Each choice and removal is announced. Written here (about 150 lines)
// rather than taking a component library, to stay inside the 150 KB first-load budget.
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n/i18n.js';

export interface ComboOption {
  value: string;
  label: string;
}

export interface ChipComboboxProps {
  /** The text box's id: labels and the error summary point at it. */
  id: string;
  name?: string;
  options: ComboOption[];
  selected: string[];
  onChange: (values: string[]) => void;
  /** Ids of the hint and error texts that describe the box. */
  describedBy?: string;
  invalid?: boolean;
  /** The field's label, for the list of matches. */
  label: string;
  /** What the chips are, for screen readers ("Chosen countries"). */
  chosenLabel: string;
}

/** Lower case without accents, so "cote" finds "Côte d'Ivoire". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

const MAX_SHOWN = 50;

export function ChipCombobox({ id, name, options, selected, onChange, describedBy, invalid, label, chosenLabel }: ChipComboboxProps) {
  const t = useT();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const labelOf = useMemo(() => new Map(options.map((o) => [o.value, o.label])), [options]);

  const matches = useMemo(() => {
    const wanted = fold(text.trim());
    const free = options.filter((o) => !selected.includes(o.value));
    if (!wanted) return free;
    // Names that start with the typed text first, then those that contain it.
    const starts = free.filter((o) => fold(o.label).startsWith(wanted));
    const contains = free.filter((o) => !fold(o.label).startsWith(wanted) && fold(o.label).includes(wanted));
    return [...starts, ...contains];
  }, [options, selected, text]);
  const shown = matches.slice(0, MAX_SHOWN);
  const activeIndex = Math.min(active, shown.length - 1);
  const optionId = (index: number) => `${listId}-option-${index}`;

  function choose(option: ComboOption) {
    onChange([...selected, option.value]);
    setText('');
    setActive(0);
    setAnnouncement(t('combobox.added', { item: option.label }));
    input.current?.focus();
  }

  function remove(value: string) {
    onChange(selected.filter((v) => v !== value));
    setAnnouncement(t('combobox.removed', { item: labelOf.get(value) ?? value }));
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive(Math.min(activeIndex + 1, shown.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(activeIndex - 1, 0));
    } else if (event.key === 'Enter') {
      // Enter in an open list chooses; it must not submit the form around it.
      if (open && shown[activeIndex]) {
        event.preventDefault();
        choose(shown[activeIndex]);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
      } else if (text) setText('');
    } else if (event.key === 'Backspace' && text === '' && selected.length > 0) {
      remove(selected[selected.length - 1]!);
    }
  }

  const expanded = open && shown.length > 0;
  return (
    <div className="combobox">
      {selected.length > 0 && (
        <ul className="chips" aria-label={chosenLabel}>
          {selected.map((value) => (
            <li key={value} className="chip">
              <span>{labelOf.get(value) ?? value}</span>
              <button type="button" className="chip__remove" aria-label={t('combobox.remove', { item: labelOf.get(value) ?? value })} onClick={() => remove(value)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={input}
        id={id}
        name={name}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && shown[activeIndex] ? optionId(activeIndex) : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        placeholder={t('combobox.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="combobox__list" aria-label={label} hidden={!expanded}>
        {expanded &&
          shown.map((option, index) => (
            <li
              key={option.value}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className={index === activeIndex ? 'combobox__option combobox__option--active' : 'combobox__option'}
              // Chosen on mouse down, before the box loses focus and closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(option);
              }}
            >
              {option.label}
            </li>
          ))}
      </ul>
      {open && text.trim() !== '' && shown.length === 0 && <p className="field__hint">{t('combobox.noMatch')}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

'use client';
/**
 * A search box that lists its matches as one types (a combobox): ↓ ↑ move through them, Enter
 * picks the highlighted one, Esc first closes the list and then, by default, clears the text. The
 * caller owns the text and its matches; this owns the list's opening and highlight.
 */
import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';

interface SearchComboboxProps<Option> {
  label: string;
  placeholder: string;
  /** The list's accessible name. */
  listLabel: string;
  /** Added to "catalog-search" on the box's container. */
  className?: string;
  testId: string;
  text: string;
  onTextChange: (text: string) => void;
  /** The matches of `text`, best first. */
  options: readonly Option[];
  optionKey: (option: Option) => string;
  renderOption: (option: Option) => ReactNode;
  /** An option was picked (the list is closed already). */
  onChoose: (option: Option) => void;
  onFocus?: () => void;
  /** Esc with the list closed; clears the text unless given. */
  onEscapeClosed?: () => void;
  /** The matches shown are being replaced by newer ones. */
  refreshing?: boolean;
  /** Below the matches, read out as it changes: loading, a failure, no match. */
  status: ReactNode;
  /** After the box, inside its container; told whether the list is open. */
  children?: (expanded: boolean) => ReactNode;
}

export function SearchCombobox<Option>(props: SearchComboboxProps<Option>) {
  const { label, placeholder, listLabel, className, testId, text, onTextChange, options, optionKey, renderOption, onChoose, onFocus, onEscapeClosed, refreshing, status, children } = props;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = `${id}-matches`;
  const optionId = (index: number) => `${id}-match-${index}`;
  const expanded = open && text.trim() !== '';
  // The highlighted match stays in sight as the arrows move (the phone's sidebar scrolls).
  const activeOptionId = expanded && options[active] ? optionId(active) : null;
  useEffect(() => {
    if (activeOptionId) document.getElementById(activeOptionId)?.scrollIntoView({ block: 'nearest' });
  }, [activeOptionId]);

  const choose = (option: Option) => {
    setOpen(false);
    onChoose(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (options.length > 0) setActive((index) => (index + step + options.length) % options.length);
    } else if (event.key === 'Enter' && expanded && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape') {
      // Handled here: Chromium clears a search box on Esc by itself, and Esc must not also close the
      // hexagon's panel. The first closes the list, keeping the text.
      event.preventDefault();
      if (expanded) setOpen(false);
      else if (onEscapeClosed) onEscapeClosed();
      else onTextChange('');
    }
  };

  return (
    <div className={className ? `catalog-search ${className}` : 'catalog-search'} data-testid={testId}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="search"
          className="catalog-search__input"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOptionId ?? undefined}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => {
            onTextChange(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => {
            onFocus?.();
            setOpen(true);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
      </div>
      {expanded && (
        <div className="catalog-search__popup">
          <ul id={listId} role="listbox" aria-label={listLabel} className={`catalog-search__list${refreshing ? ' is-refreshing' : ''}`}>
            {options.map((option, index) => (
              <li
                key={optionKey(option)}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className="catalog-search__option"
                // Not a blur of the box: the click lands on the option.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(option)}
                onMouseEnter={() => setActive(index)}
              >
                {renderOption(option)}
              </li>
            ))}
          </ul>
          <div className="catalog-search__status" role="status">
            {status}
          </div>
        </div>
      )}
      {children?.(expanded)}
    </div>
  );
}

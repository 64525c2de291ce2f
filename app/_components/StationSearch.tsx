'use client';
/**
 * "Find a station": the shown system's stations searched as one types, by name or code, accents
 * ignored (a combobox: ↑ ↓ move, Enter picks, Esc closes, then clears). Picking one flies the map
 * there and opens its hexagon.
 */
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { formatInteger } from '@/app/_lib/format';
import type { Stations } from '@/app/_lib/useStations';
import type { StationDto } from '@/lib/stations/schemas';

const MATCHES_SHOWN = 8;

interface StationSearchProps {
  stations: Stations;
  onPick: (station: StationDto) => void;
  /** The box was focused: the stations are needed now (they are not loaded with the page). */
  onWanted: () => void;
}

function detailOf(station: StationDto): string {
  const parts = [station.code ? `code ${station.code}` : null, station.capacity === null ? null : `${formatInteger(station.capacity)} docks`];
  return parts.filter(Boolean).join(' · ');
}

export function StationSearch({ stations: { stations, index, resource }, onPick, onWanted }: StationSearchProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => (index && text.trim() !== '' ? index.search(text, MATCHES_SHOWN).map((i) => stations[i]) : []), [index, stations, text]);
  const listId = `${id}-matches`;
  const optionId = (i: number) => `${id}-match-${i}`;
  const expanded = open && text.trim() !== '';
  const activeOptionId = expanded && matches[active] ? optionId(active) : null;
  useEffect(() => {
    if (activeOptionId) document.getElementById(activeOptionId)?.scrollIntoView({ block: 'nearest' });
  }, [activeOptionId]);

  const pick = (station: StationDto) => {
    setOpen(false);
    setText(station.name);
    onPick(station);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (matches.length > 0) setActive((i) => (i + step + matches.length) % matches.length);
    } else if (event.key === 'Enter' && expanded && matches[active]) {
      event.preventDefault();
      pick(matches[active]);
    } else if (event.key === 'Escape') {
      // Handled here: Esc must not also close the hexagon's panel; the first closes the list, keeping the text.
      event.preventDefault();
      if (expanded) setOpen(false);
      else setText('');
    }
  };

  let status: string | null = null;
  if (resource.error) status = `The stations cannot be searched: ${resource.error.message}.`;
  else if (!index) status = 'Loading the stations…';
  else if (matches.length === 0) status = `No station matches “${text.trim()}”.`;

  return (
    <div className="catalog-search station-search" data-testid="station-search">
      <div className="field">
        <label htmlFor={id}>Find a station</label>
        <input
          id={id}
          type="search"
          className="catalog-search__input"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOptionId ?? undefined}
          placeholder="Station name or code"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => {
            onWanted();
            setOpen(true);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
      </div>
      {expanded && (
        <div className="catalog-search__popup">
          <ul id={listId} role="listbox" aria-label="Matching stations" className="catalog-search__list">
            {matches.map((station, i) => (
              <li
                key={station.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className="catalog-search__option"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(station)}
                onMouseEnter={() => setActive(i)}
              >
                <span className="catalog-search__name">{station.name}</span>
                <span className="catalog-search__place">{detailOf(station)}</span>
              </li>
            ))}
          </ul>
          <div className="catalog-search__status" role="status">
            {status && <p className={resource.error ? 'catalog-search__error' : 'muted'}>{status}</p>}
          </div>
        </div>
      )}
    </div>
  );
}

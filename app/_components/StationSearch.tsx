'use client';
/**
 * "Find a station": the shown system's stations searched as one types, by name or code, accents
 * ignored (a combobox: ↑ ↓ move, Enter picks, Esc closes, then clears). Picking one flies the map
 * there and opens its hexagon.
 */
import { useMemo, useState } from 'react';
import { formatInteger } from '@/app/_lib/format';
import type { Stations } from '@/app/_lib/useStations';
import type { StationDto } from '@/lib/stations/schemas';
import { SearchCombobox } from './SearchCombobox';

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
  const [text, setText] = useState('');
  const matches = useMemo(() => (index && text.trim() !== '' ? index.search(text, MATCHES_SHOWN).map((i) => stations[i]) : []), [index, stations, text]);

  let status: string | null = null;
  if (resource.error) status = `The stations cannot be searched: ${resource.error.message}.`;
  else if (!index) status = 'Loading the stations…';
  else if (matches.length === 0) status = `No station matches “${text.trim()}”.`;

  return (
    <SearchCombobox
      label="Find a station"
      placeholder="Station name or code"
      listLabel="Matching stations"
      className="station-search"
      testId="station-search"
      text={text}
      onTextChange={setText}
      options={matches}
      optionKey={(station) => station.id}
      renderOption={(station) => (
        <>
          <span className="catalog-search__name">{station.name}</span>
          <span className="catalog-search__place">{detailOf(station)}</span>
        </>
      )}
      onChoose={(station) => {
        setText(station.name);
        onPick(station);
      }}
      onFocus={onWanted}
      status={status && <p className={resource.error ? 'catalog-search__error' : 'muted'}>{status}</p>}
    />
  );
}

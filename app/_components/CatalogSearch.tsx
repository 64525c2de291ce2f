'use client';
/**
 * "Add a city": the catalog of public GBFS systems searched as one types (a combobox: arrows move,
 * Enter picks, Esc closes). A collected system is shown at once; another is added (the admin
 * secret asked once per tab) and then followed until its first polls arrive.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { addCatalogSystem, type AddedSystem, keepAdminSecret, storedAdminSecret } from '@/app/_lib/addSystem';
import { toApiError } from '@/app/_lib/apiClient';
import { collectedSystemOf, ENTRY_STATE_LABELS, entryState, placeOf } from '@/app/_lib/catalogEntry';
import { formatClock, formatInteger } from '@/app/_lib/format';
import { describeFailure, pollStatus, retryOf } from '@/app/_lib/pollStatus';
import { useCatalogSearch, type CatalogEntry } from '@/app/_lib/useCatalog';
import type { SystemInfo } from '@/app/_lib/useSystems';
import { SearchCombobox } from './SearchCombobox';

interface CatalogSearchProps {
  systems: readonly SystemInfo[];
  onShowSystem: (id: string) => void;
  /** Resolves once the systems list includes the new system. */
  onAdded: (id: string) => Promise<void>;
}

interface Added {
  system: AddedSystem;
  since: string;
}

export function CatalogSearch({ systems, onShowSystem, onAdded }: CatalogSearchProps) {
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<CatalogEntry | null>(null);
  const [added, setAdded] = useState<Added | null>(null);
  const search = useCatalogSearch(text);
  const answer = search.data;
  const matches = answer?.systems ?? [];

  const pick = (entry: CatalogEntry) => {
    const collected = collectedSystemOf(entry, systems);
    if (collected) {
      setChosen(null);
      setText('');
      onShowSystem(collected.id);
      return;
    }
    setChosen(entry);
  };

  return (
    <SearchCombobox
      label="Add a city"
      placeholder="City, system or country"
      listLabel="Systems of the catalog"
      testId="catalog-search"
      text={text}
      onTextChange={setText}
      options={matches}
      optionKey={(entry) => `${entry.id} ${entry.autoDiscoveryUrl}`}
      renderOption={(entry) => {
        const state = entryState(entry);
        return (
          <>
            <span className="catalog-search__name">{entry.name}</span>
            <span className="catalog-search__place">{placeOf(entry)}</span>
            <span className={`catalog-search__state catalog-search__state--${state}`}>{ENTRY_STATE_LABELS[state]}</span>
          </>
        );
      }}
      onChoose={pick}
      // Esc with the list closed first drops the system being added, then the text.
      onEscapeClosed={() => (chosen ? setChosen(null) : setText(''))}
      refreshing={search.loading}
      status={<CatalogStatus search={search} count={matches.length} />}
    >
      {(expanded) => (
        <>
          {chosen && (
            <AddForm
              entry={chosen}
              onCancel={() => setChosen(null)}
              onAdded={async (system) => {
                setAdded({ system, since: new Date().toISOString() });
                setChosen(null);
                setText('');
                await onAdded(system.id);
              }}
            />
          )}
          {(expanded || chosen) && answer && (
            <p className="catalog-search__credit" data-testid="catalog-credit">
              <a href={answer.source.url} target="_blank" rel="noreferrer">
                {answer.source.attribution}
              </a>
            </p>
          )}
          {added && <FirstPolls added={added} system={systems.find((s) => s.id === added.system.id) ?? null} onDismiss={() => setAdded(null)} />}
        </>
      )}
    </SearchCombobox>
  );
}

/** Below the matches: searching, the API's failure or notice (the catalog not read yet), no match. */
function CatalogStatus({ search, count }: { search: ReturnType<typeof useCatalogSearch>; count: number }) {
  const { data, error, loading, query } = search;
  let message: string | null = null;
  if (error) message = `The catalog cannot be searched: ${error.message}.`;
  else if (!data) message = loading ? 'Searching the catalog…' : null;
  else if (count === 0 && !loading) message = data.readAt === null ? null : `No system of the catalog matches “${query}”.`;
  return (
    <>
      {message && <p className={error ? 'catalog-search__error' : 'muted'}>{message}</p>}
      {data?.notice && <p className="muted">{data.notice}</p>}
    </>
  );
}

function AddForm({ entry, onCancel, onAdded }: { entry: CatalogEntry; onCancel: () => void; onAdded: (system: AddedSystem) => Promise<void> }) {
  const id = useId();
  const [kept, setKept] = useState<string | null>(null);
  const [secret, setSecret] = useState('');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  // Session storage exists only in the browser: read after the first render.
  useEffect(() => setKept(storedAdminSecret()), []);
  const stationless = entry.hasStations === false;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const bearer = kept ?? secret;
    setBusy(true);
    setRefusal(null);
    try {
      // The discovery URL too: a few catalog ids name two systems, and this is the one picked.
      const system = await addCatalogSystem({ catalogId: entry.id, url: entry.autoDiscoveryUrl, ...(entry.needsKey ? { key } : {}) }, bearer);
      keepAdminSecret(bearer);
      await onAdded(system);
    } catch (error) {
      const failure = toApiError(error);
      if (failure.status === 401) {
        // A wrong secret is not kept: asked again.
        keepAdminSecret(null);
        setKept(null);
      }
      setRefusal(failure.status === 401 ? `The admin secret was refused (${failure.message}).` : failure.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="catalog-add" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onCancel()} aria-label={`Add ${entry.name}`} data-testid="catalog-add">
      <p className="catalog-add__title">
        Add <strong>{entry.name}</strong> ({placeOf(entry)})
      </p>
      {stationless ? (
        <p className="catalog-search__error">Its feed lists no stations (scooters or cars): hotspots need stations, so it cannot be added.</p>
      ) : (
        <>
          {entry.needsKey && (
            <div className="field">
              <label htmlFor={`${id}-key`}>Feed key</label>
              <input id={`${id}-key`} type="password" required autoComplete="off" value={key} onChange={(event) => setKey(event.target.value)} />
              <p className="field__hint">This feed is read with a key from its operator; the server keeps it and sends it only to that feed.</p>
            </div>
          )}
          {kept === null ? (
            <div className="field">
              <label htmlFor={`${id}-secret`}>Admin secret</label>
              <input id={`${id}-secret`} type="password" required autoComplete="current-password" value={secret} onChange={(event) => setSecret(event.target.value)} />
              <p className="field__hint">The server&apos;s CRON_SECRET; kept in this tab only, until it closes.</p>
            </div>
          ) : (
            <p className="field__hint">
              Using the admin secret given in this tab.{' '}
              <button
                type="button"
                className="link-button catalog-add__inline"
                onClick={() => {
                  keepAdminSecret(null);
                  setKept(null);
                }}
              >
                Forget it
              </button>
            </p>
          )}
        </>
      )}
      {refusal && (
        <p className="catalog-search__error" role="alert" data-testid="add-refusal">
          {refusal}
        </p>
      )}
      <div className="catalog-add__actions">
        {!stationless && (
          <button type="submit" className="catalog-add__submit" disabled={busy}>
            {busy ? 'Reading its feeds…' : 'Add and collect'}
          </button>
        )}
        <button type="button" className="catalog-add__cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** After adding: since when it is collected, then its first and second polls as they arrive. */
function FirstPolls({ added, system, onDismiss }: { added: Added; system: SystemInfo | null; onDismiss: () => void }) {
  const [firstPoll, setFirstPoll] = useState<string | null>(null);
  const lastPoll = system?.lastPoll ?? null;
  // When it arrived here (the attempt's time), not the feed's own clock.
  const arrived = system?.lastAttempt && system.lastAttempt.status !== 'failed' ? system.lastAttempt.at : lastPoll;
  useEffect(() => {
    if (lastPoll !== null && firstPoll === null) setFirstPoll(lastPoll);
  }, [lastPoll, firstPoll]);
  const { name, timezone, stations } = added.system;
  const at = (iso: string) => formatClock(iso, timezone);
  let progress: string;
  if (!system) progress = 'listing it…';
  else if (lastPoll === null) {
    const failing = describeFailure(pollStatus(system, Date.now()));
    progress = failing ? `no poll stored yet: ${failing}` : `waiting for its first poll (${retryOf(system)}); first hexagons after the second poll`;
  } else if (firstPoll === null || lastPoll === firstPoll) progress = `first poll arrived at ${at(arrived ?? lastPoll)}; first hexagons after the second poll`;
  else progress = `second poll arrived at ${at(arrived ?? lastPoll)}: its first hexagons are on the map`;
  return (
    <div className="catalog-added" role="status" data-testid="first-polls">
      <p>
        <strong>{name}</strong> ({formatInteger(stations)} stations): collecting since {at(added.since)}, {progress}.
      </p>
      <button type="button" className="link-button" onClick={onDismiss}>
        Hide
      </button>
    </div>
  );
}

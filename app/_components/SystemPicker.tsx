/**
 * The system shown, among every listed one, each with its freshness (shown whenever there is a
 * choice); the World view of them all; and "Add a city", the search of every public system.
 */
import { useId } from 'react';
import { freshnessLabel } from '@/app/_lib/pollStatus';
import { useNow } from '@/app/_lib/useNow';
import type { SystemInfo } from '@/app/_lib/useSystems';
import { CatalogSearch } from './CatalogSearch';

interface SystemPickerProps {
  systems: readonly SystemInfo[];
  /** null while the asked-for system is unknown: the picker offers the others. */
  systemId: string | null;
  onSystem: (id: string) => void;
  /** Frame every collected system, each as its marker. */
  onWorld: () => void;
  /** A system added from the catalog: resolves once the list holds it. */
  onAdded: (id: string) => Promise<void>;
}

export function SystemPicker({ systems, systemId, onSystem, onWorld, onAdded }: SystemPickerProps) {
  const id = useId();
  const now = useNow(30);
  return (
    // The sidebar's card around the fields (a .field has no padding of its own).
    <div className="system-picker">
      {systems.length > 1 && (
        <div className="field">
          <label htmlFor={id}>System</label>
          <div className="field__row">
            <select id={id} value={systemId ?? ''} onChange={(event) => onSystem(event.target.value)} data-testid="system-select">
              {systemId === null && <option value="">Choose a system</option>}
              {systems.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} · {freshnessLabel(s, now)}
                </option>
              ))}
            </select>
            <button type="button" className="world-button" onClick={onWorld} title="Every collected system on one map, each as a marker sized by its stations">
              World
            </button>
          </div>
        </div>
      )}
      <CatalogSearch systems={systems} onShowSystem={onSystem} onAdded={onAdded} />
    </div>
  );
}

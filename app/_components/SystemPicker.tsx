/** The system shown, among every listed one, each with its freshness; shown whenever there is a choice. */
import { useId } from 'react';
import { freshnessLabel } from '@/app/_lib/pollStatus';
import { useNow } from '@/app/_lib/useNow';
import type { SystemInfo } from '@/app/_lib/useSystems';

interface SystemPickerProps {
  systems: readonly SystemInfo[];
  /** null while the asked-for system is unknown: the picker offers the others. */
  systemId: string | null;
  onSystem: (id: string) => void;
}

export function SystemPicker({ systems, systemId, onSystem }: SystemPickerProps) {
  const id = useId();
  const now = useNow(30);
  if (systems.length < 2) return null;
  return (
    // The sidebar's card around the field (a .field has no padding of its own).
    <div className="system-picker">
      <div className="field">
        <label htmlFor={id}>System</label>
        <select id={id} value={systemId ?? ''} onChange={(event) => onSystem(event.target.value)} data-testid="system-select">
          {systemId === null && <option value="">Choose a system</option>}
          {systems.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} · {freshnessLabel(s, now)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

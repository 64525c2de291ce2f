'use client';
/** What the map is waiting for or why it shows nothing: loading, empty day, errors. Never blank. */
import type { Notice } from '@/app/_lib/explorerNotice';

export function StateNotice({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  const { kind, message } = notice;
  const action = kind === 'loading' ? undefined : notice.action;
  return (
    <div
      className={`notice notice--${kind} notice--floating`}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-live={kind === 'error' ? 'assertive' : 'polite'}
      data-testid={`notice-${kind}`}
    >
      {kind === 'loading' && <span className="spinner" aria-hidden="true" />}
      <p>{message}</p>
      {action && (
        <button type="button" onClick={action.run}>
          {action.label}
        </button>
      )}
    </div>
  );
}

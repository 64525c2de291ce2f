'use client';
/** What the map is waiting for or why it shows nothing: loading, empty day, errors. Never blank. */
import type { Notice } from '@/app/_lib/explorerNotice';

/** `command` spans of a hint as code, the way a person would type them. */
function withCode(text: string) {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

export function StateNotice({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  const { kind, message } = notice;
  const action = kind === 'loading' ? undefined : notice.action;
  const hint = kind === 'loading' ? undefined : notice.hint;
  return (
    <div
      className={`notice notice--${kind} notice--floating`}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-live={kind === 'error' ? 'assertive' : 'polite'}
      data-testid={`notice-${kind}`}
    >
      {kind === 'loading' && <span className="spinner" aria-hidden="true" />}
      <p>{message}</p>
      {hint && <p className="notice__hint" data-testid="notice-hint">{withCode(hint)}</p>}
      {action && (
        <button type="button" onClick={action.run}>
          {action.label}
        </button>
      )}
    </div>
  );
}

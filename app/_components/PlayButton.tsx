'use client';
/** ▶ / ❚❚: the play button of the day's hours and of the forecast's. */
export function PlayButton({ playing, onToggle, labels, testId }: { playing: boolean; onToggle: () => void; labels: { play: string; pause: string }; testId: string }) {
  return (
    <button type="button" className="icon-button play-button" onClick={onToggle} aria-pressed={playing} aria-label={playing ? labels.pause : labels.play} data-testid={testId}>
      {playing ? '❚❚' : '▶'}
    </button>
  );
}

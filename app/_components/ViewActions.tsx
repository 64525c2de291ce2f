'use client';
/**
 * What is on the map, taken away: the view's answer as CSV, GeoJSON or Parquet (the API's own
 * URL for it, so a file is exactly what the map drew), and the page's address to share.
 */
import { useEffect, useRef, useState } from 'react';
import { DOWNLOAD_FORMATS, hotspotsDownloadUrl, type DownloadFormat, type HotspotsParams } from '@/app/_lib/endpoints';

const FORMAT_LABELS: Record<DownloadFormat, string> = { csv: 'CSV', geojson: 'GeoJSON', parquet: 'Parquet' };
const FORMAT_HINTS: Record<DownloadFormat, string> = {
  csv: 'the hexagons as a table, for spreadsheets',
  geojson: 'the hexagons as polygons, for GIS tools',
  parquet: 'the hexagons as a typed table, for DuckDB, pandas or Spark',
};

type CopyState = 'idle' | 'copied' | 'failed';

export function ViewActions({ params }: { params: HotspotsParams | null }) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const reset = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (reset.current && clearTimeout(reset.current)), []);

  const copyLink = async () => {
    if (reset.current) clearTimeout(reset.current);
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
    reset.current = setTimeout(() => setCopy('idle'), 4000);
  };

  return (
    <section className="view-actions" aria-labelledby="view-actions-title" data-testid="view-actions">
      <h2 id="view-actions-title" className="view-actions__title">
        This view
      </h2>
      {params && (
        <p className="view-actions__downloads">
          Download:{' '}
          {DOWNLOAD_FORMATS.map((format, i) => (
            <span key={format}>
              {i > 0 && ' · '}
              <a href={hotspotsDownloadUrl(params, format)} download title={FORMAT_HINTS[format]} data-testid={`download-${format}`}>
                {FORMAT_LABELS[format]}
              </a>
            </span>
          ))}
        </p>
      )}
      <div className="view-actions__share">
        <button type="button" onClick={copyLink} data-testid="copy-link">
          Copy link
        </button>
        <span role="status" className="view-actions__status" data-testid="copy-status">
          {copy === 'copied' ? 'Copied' : copy === 'failed' ? 'Could not copy: copy the address bar instead' : ''}
        </span>
      </div>
    </section>
  );
}

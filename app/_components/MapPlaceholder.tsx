/** What stands where the map will be until WebGL draws it: its background, nothing to read. */
export function MapPlaceholder() {
  return <div className="map-canvas map-canvas--placeholder" aria-hidden="true" />;
}

/** Performance marks the page sets, read by the front-end benchmark. */
export const FIRST_HEXAGONS_MARK = 'hotspots:first-hexagons';

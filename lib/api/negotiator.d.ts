/** The part of `negotiator` (HTTP content negotiation) this app uses. */
declare module 'negotiator' {
  export default class Negotiator {
    constructor(request: { headers: Record<string, string | undefined> });
    /** The best of `available` by the request's Accept-Encoding (q values, then `preferred` among equals). */
    encoding(available: readonly string[], options?: { preferred?: readonly string[] }): string | undefined;
  }
}

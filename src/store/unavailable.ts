/**
 * The store could not be reached (a dropped connection, a server restarting): nothing is wrong with the
 * article being analysed, so the pipeline must not quarantine it; the transaction rolls back and the
 * work is retried. Stores throw it for connection failures only, never for a refused write.
 */
export class StoreUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}

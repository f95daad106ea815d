// The node's bounds on what it sends and reads: the defaults of its Request Options and Get Many.

/**
 * n8n runs a declarative node's items all at once (its Batching only pauses between batches).
 * To keep a bulk run (1,000 creates) from opening 1,000 connections to BillPro, every request of
 * one node run waits for a slot. The number of slots: 'Max Concurrent Requests' if set, else
 * Batching's 'Items per Batch', else DEFAULT_CONCURRENCY (run/concurrency.ts).
 */
export const DEFAULT_CONCURRENCY = 5;

/**
 * How many pages are requested at once once a list is known to go on (Request Options → Pages
 * Read at Once): network latency is paid once per batch, not once per page. At most one fewer
 * requests land past the end of a list (they answer an empty page); the bound keeps that waste
 * small. Each page also takes one of the run's request slots (Max Concurrent Requests; pageWalker.ts).
 */
export const PAGES_AHEAD = 4;
export const MAX_PAGES_AT_ONCE = 20;

/**
 * Return All reads at most this many records (Get Many's Max Records field), and so does a
 * poll: a list that never ends, from a server that ignores `page`, stops with a clear error
 * instead of filling memory.
 */
export const DEFAULT_MAX_RECORDS = 100_000;

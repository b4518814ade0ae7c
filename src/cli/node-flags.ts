/**
 * V8 flags the `wiretrace` command runs with (`bin/wiretrace.js` passes them to node on its first
 * line; `node bin/wiretrace.js` runs without them, with node's defaults).
 *
 * A long ingest makes ~1.7 MB of short-lived objects per article on its main thread. With node's
 * 16 MB semi-spaces, 29,345 articles of the 200k stream took 3,171 scavenges (50 s of the main
 * thread's 315); with 64 MB, 894 (26.5 s), and 8% less CPU in all (`bench/pipeline-scale.ts`,
 * docs/scale.md). V8 otherwise lets the old generation grow to up to four times what survived the
 * last full collection before it collects again: the main heap held 1.1 GB for ~515 MB in use at
 * 70,000 articles. A fixed factor of 1.5 gives the memory back for more frequent (concurrent) marking.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64', '--heap-growing-percent=50'];

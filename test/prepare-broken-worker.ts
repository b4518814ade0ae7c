/** A worker script that cannot load: PreparePool must give up on it, not respawn it forever. */
throw new Error('this worker cannot start');

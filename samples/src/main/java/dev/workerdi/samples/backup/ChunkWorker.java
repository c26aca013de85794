package dev.workerdi.samples.backup;

import com.google.inject.Injector;
import java.sql.Connection;
import java.util.function.LongConsumer;

/**
 * What one copying coroutine does with each chunk: copy it from its source (a database read in the
 * snapshot, or a chunk file) to its destination (a target database or a chunk file) and mark it
 * done, whole or not at all. Not thread-safe: one per coroutine.
 */
interface ChunkWorker {
  /**
   * Copies {@code chunk}, reporting committed rows to {@code committed}; returns it done, with its
   * digest.
   */
  Chunk copy(Chunk chunk, LongConsumer committed) throws Exception;

  /** Makes the worker of one coroutine. */
  @FunctionalInterface
  interface Factory {
    /**
     * @param injector the host's injector (for the coroutine's own leases)
     * @param source the coroutine's source connection, in its snapshot, or {@code null} when the
     *     source is a directory
     * @param snapshot the snapshot's description
     * @param beforeCommit the crash simulation of tests, run before each chunk's commit
     */
    ChunkWorker open(Injector injector, Connection source, String snapshot, Runnable beforeCommit)
        throws Exception;
  }
}

package dev.workerdi.jdbc;

import dev.workerdi.core.spi.CoroutineConfined;
import java.sql.Connection;

/**
 * One coroutine's loan of a connection from its worker's pool. Injected as {@code @Inject Lease} or
 * {@code @Inject Connection} (one per coroutine, the same for the whole coroutine), or taken by
 * hand with {@link WorkerPool#lease()}.
 *
 * <p>Returned when the coroutine ends, always (even when it throws or is cancelled); {@link
 * #close()} returns it earlier, for long coroutines done with the database. On return the
 * connection is made clean ({@link ResetPolicy}). A lease taken by hand and not closed by the end
 * of its coroutine is reclaimed then and reported once, with the stack of where it was borrowed.
 * Only its own coroutine may use it: calls from another thread fail. Thread-confined.
 */
public interface Lease extends AutoCloseable, CoroutineConfined {

  /** The connection, valid until the lease is returned; its {@code close()} returns the lease. */
  Connection connection();

  /** Whether the lease has been returned. */
  boolean isReleased();

  /** Returns the connection to the pool, clean. Idempotent. */
  @Override
  void close();
}

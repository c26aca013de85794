package dev.workerdi.jdbc.internal;

import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.WorkerPool;
import java.util.concurrent.Semaphore;

/**
 * What the library's own bindings need from a worker's pool beyond {@link WorkerPool}: the borrow
 * of a coroutine-scoped lease and the fan-out limit. {@code JdbcModule} binds it per worker under
 * its own key, next to {@code WorkerPool} (both are the worker's one pool), so that the {@code
 * Lease} binding and {@code FanOut} hold this type instead of down-casting the public one.
 * Thread-safe. Not a supported API.
 */
public interface LeaseSource {

  /** The worker's pool as the API hands it out: the same object. */
  WorkerPool pool();

  /** Borrows for a coroutine-scoped lease, which the coroutine scope itself returns. */
  Lease scopedLease();

  /**
   * Bounds this worker's fan-outs to the pool size, so excess tasks queue here, not in the pool.
   */
  Semaphore fanOutPermits();

  /**
   * Whether the calling thread holds a lease of this pool that is not returned, and the pool has
   * connections besides it: a fan-out it starts then takes one permit for that lease, so that its
   * tasks wait for a permit rather than for a connection in the pool (where they could time out).
   */
  boolean callerHoldsOneOfMany();
}

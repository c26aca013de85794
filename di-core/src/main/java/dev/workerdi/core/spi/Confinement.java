package dev.workerdi.core.spi;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;

/**
 * The one owner check for objects confined to the coroutine that obtained them (coroutine-scoped
 * instances, connection leases): one rule, one message ({@link ErrorId#NOT_OWNER}), whichever
 * module hands the object out. The check is a thread comparison; the message is built only when it
 * fails. Stateless and thread-safe.
 */
public final class Confinement {
  private Confinement() {}

  /**
   * Throws unless the current thread is {@code ownerThread}.
   *
   * @param what the object as the user knows it: a key, or a lease's name
   * @param coroutine the owning coroutine, as printed
   * @param method the method that was called, or null when not known
   */
  public static void check(Thread ownerThread, Object what, Object coroutine, String method) {
    if (Thread.currentThread() != ownerThread) {
      throw notOwner(ownerThread, what, coroutine, method);
    }
  }

  private static DiException notOwner(
      Thread ownerThread, Object what, Object coroutine, String method) {
    DiException.Builder error =
        DiException.builder(
                ErrorId.NOT_OWNER,
                what
                    + " was used from thread '"
                    + Thread.currentThread().getName()
                    + "', not by its coroutine "
                    + coroutine)
            .field("owner", coroutine + " on thread '" + ownerThread.getName() + "'");
    if (method != null) {
      error.field("method", method);
    }
    return error
        .field("caller", CallerLocation.application())
        .fix(
            "Obtain it in each coroutine that needs it (inject Provider<T> or Connection in the task that uses it; "
                + "FanOut runs queries concurrently, each on its own lease) instead of passing it to another task.")
        .build();
  }
}

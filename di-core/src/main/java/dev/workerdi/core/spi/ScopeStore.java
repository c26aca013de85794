package dev.workerdi.core.spi;

import java.util.function.Supplier;

/**
 * The instances of one worker, one coroutine or the process, as a Guice {@code Scope} sees them: at
 * most one per slot key, built once even when many virtual threads ask at the same moment, and
 * closed with their owner in reverse order of creation. Reached through {@code
 * WorkerContext.store()} and {@code CoroutineContext.store()}, for scopes and extensions; an
 * application uses {@code @WorkerScoped}, {@code @CoroutineScoped} and {@code
 * CoroutineContext.defer} instead. Implementations are thread-safe.
 */
public interface ScopeStore {
  /**
   * The instance in {@code slotKey}, built by {@code builder} if absent.
   *
   * @param displayKey the key as shown in errors
   * @param declaredAt where the binding was declared, for errors
   */
  Object get(Object slotKey, Object displayKey, String declaredAt, Supplier<?> builder);

  /**
   * The instance in {@code slotKey} if it is built, else {@code absent}: the allocation-free read a
   * scope tries before {@link #get}, which it calls only when this returns {@code absent}. The
   * default always answers {@code absent} (every read then goes through {@code get}).
   */
  default Object builtOr(Object slotKey, Object absent) {
    return absent;
  }

  /** Closes {@code closeable} with the store, in reverse order with the instances built so far. */
  void defer(AutoCloseable closeable, Object displayKey);

  /** Whether the slot holds a built instance. */
  boolean isBuilt(Object slotKey);

  /** How many instances were built (or deferred) and not yet closed. */
  int size();

  /** Whether the store's owner has closed it. */
  boolean isClosed();
}

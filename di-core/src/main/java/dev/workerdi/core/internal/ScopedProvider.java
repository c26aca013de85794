package dev.workerdi.core.internal;

import com.google.inject.Key;
import com.google.inject.Provider;
import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.spi.ScopeStore;
import java.util.function.Supplier;

/**
 * What {@link ContextScope} gives Guice for one binding: finds the current worker's or coroutine's
 * store and returns the instance built there, building it once if absent. A built instance costs a
 * thread-local read and a lookup by a slot key made once per binding; nothing is allocated, and
 * where the binding was declared is looked up only to build or to report an error. Thread-safe.
 */
final class ScopedProvider<T> implements Provider<T> {
  private static final Object ABSENT = new Object();

  private final ContextScope scope;
  private final Key<T> key;
  private final Provider<T> unscoped;
  private final Class<?> type;
  private final SlotKey slot;
  private String name; // ContextScope.name(key), made on the first build

  /** Builds the instance in the current coroutine or worker (made once, not per build). */
  private final Supplier<Object> builder = this::build;

  ScopedProvider(ContextScope scope, Key<T> key, Provider<T> unscoped) {
    this.scope = scope;
    this.key = key;
    this.unscoped = unscoped;
    this.type = key.getTypeLiteral().getRawType();
    this.slot = new SlotKey(scope, key, scope.nextSlotIndex());
  }

  @Override
  public T get() {
    ScopeStore store = scope.isCoroutine() ? scope.coroutine(key).store() : scope.workerStore(key);
    Object value = store.builtOr(slot, ABSENT);
    if (value == ABSENT) {
      value = store.get(slot, key, scope.declaredAt(key), builder);
    }
    @SuppressWarnings("unchecked")
    T instance = (T) value;
    return instance;
  }

  /**
   * The unscoped instance; a coroutine's guarded by its owner check. Runs in the store of the
   * current thread's coroutine, so that coroutine is the owner.
   */
  private Object build() {
    if (!scope.isCoroutine()) {
      return unscoped.get();
    }
    CoroutineContext owner = Current.coroutine();
    return OwnerCheck.guard(type, unscoped.get(), name(), owner);
  }

  /**
   * The binding's name for owner-check messages: built on first use, then kept (racy but
   * idempotent).
   */
  private String name() {
    String built = name;
    if (built == null) {
      built = ContextScope.name(key);
      name = built;
    }
    return built;
  }

  @Override
  public String toString() {
    return unscoped + "[" + scope + "]";
  }

  /**
   * A binding's slot in every store of its scope: equal for the same scope and key, hash computed
   * once.
   */
  private static final class SlotKey implements IndexedSlotKey {
    private final ContextScope scope;
    private final Key<?> key;
    private final int hash;
    private final int index;

    SlotKey(ContextScope scope, Key<?> key, int index) {
      this.scope = scope;
      this.key = key;
      this.hash = 31 * System.identityHashCode(scope) + key.hashCode();
      this.index = index;
    }

    @Override
    public int slotIndex() {
      return index;
    }

    @Override
    public boolean equals(Object other) {
      return other == this
          || other instanceof SlotKey that && that.scope == scope && that.key.equals(key);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return key + " in " + scope;
    }
  }
}

package dev.workerdi.core.internal;

import dev.workerdi.core.spi.CallerLocation;
import dev.workerdi.core.spi.ScopeStore;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Scope;
import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.PhaseGate;
import dev.workerdi.core.WorkerContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guice {@link Scope}s backed by the current worker's or coroutine's {@link InstanceStore}. Each
 * scope instance belongs to one container, so two containers in one JVM never share instances.
 * Thread-safe. Not a supported API.
 */
public final class ContextScope implements Scope {
  private final boolean coroutine;
  private final PhaseGate gate;
  private final Map<Key<?>, String> sources = new ConcurrentHashMap<>();

  private ContextScope(boolean coroutine, PhaseGate gate) {
    this.coroutine = coroutine;
    this.gate = gate;
  }

  /** The scope behind {@code @WorkerScoped}. */
  public static ContextScope worker(PhaseGate gate) {
    return new ContextScope(false, gate);
  }

  /** The scope behind {@code @CoroutineScoped}. */
  public static ContextScope coroutine(PhaseGate gate) {
    return new ContextScope(true, gate);
  }

  /** Remembers where each binding of {@code injector} was declared, so that errors can name it. */
  void recordSources(Injector injector) {
    injector.getBindings().forEach((key, binding) -> sources.put(key, CallerLocation.describe(binding.getSource())));
  }

  @Override
  public <T> Provider<T> scope(Key<T> key, Provider<T> unscoped) {
    ScopedKey slotKey = new ScopedKey(this, key);
    return new Provider<>() {
      @Override
      public T get() {
        if (coroutine) {
          ScopeStore store = coroutineStore(key);
          CoroutineContext owner = CoroutineContext.current().orElseThrow();
          Class<?> type = key.getTypeLiteral().getRawType();
          @SuppressWarnings("unchecked")
          T value = (T) store.get(slotKey, key, declaredAt(key), () -> OwnerCheck.guard(type, unscoped.get(), name(key), owner));
          return value;
        }
        @SuppressWarnings("unchecked")
        T value = (T) workerStore(key).get(slotKey, key, declaredAt(key), unscoped::get);
        return value;
      }

      @Override
      public String toString() {
        return unscoped + "[" + ContextScope.this + "]";
      }
    };
  }

  private ScopeStore workerStore(Key<?> key) {
    return WorkerContext.current().map(WorkerContext::store)
        .orElseThrow(() -> CoreErrors.eagerGet(name(key), "@WorkerScoped binding", gate.current(), declaredAt(key)));
  }

  private ScopeStore coroutineStore(Key<?> key) {
    return CoroutineContext.current().map(CoroutineContext::store).orElseThrow(() -> gate.current().isBeforeWorkers()
        ? CoreErrors.eagerGet(name(key), "@CoroutineScoped binding", gate.current(), declaredAt(key))
        : outOfScope(key));
  }

  private DiException outOfScope(Key<?> key) {
    return DiException.builder(ErrorId.OUT_OF_SCOPE, "@CoroutineScoped " + name(key) + " was resolved outside a coroutine")
        .field("key", name(key))
        .field("phase", gate.current())
        .field("thread", Thread.currentThread().getName())
        .field("declared", declaredAt(key))
        .field("caller", CallerLocation.application())
        .fix("Resolve it inside a worker task (a coroutine); objects that outlive one task should inject "
            + "Provider<T> and call get() within each task.")
        .build();
  }

  /** The key as the user wrote it: {@code com.example.Orders}, {@code @Named("db") com.example.Orders}. */
  static String name(Key<?> key) {
    String type = key.getTypeLiteral().toString();
    if (key.getAnnotation() != null) {
      return key.getAnnotation() + " " + type;
    }
    return key.getAnnotationType() == null ? type : "@" + key.getAnnotationType().getName() + " " + type;
  }

  private String declaredAt(Key<?> key) {
    return sources.getOrDefault(key, "(a Guice binding; see the module that binds it)");
  }

  @Override
  public String toString() {
    return coroutine ? "Di.coroutineScope()" : "Di.workerScope()";
  }

  private record ScopedKey(ContextScope scope, Key<?> key) {}
}

package dev.workerdi.core.internal;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Scope;
import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.PhaseGate;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.core.spi.CallerLocation;
import dev.workerdi.core.spi.ScopeStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Guice {@link Scope}s backed by the current worker's {@link InstanceStore} or coroutine's {@link
 * CoroutineStore} (through {@link ScopedProvider}, one per binding). Each scope instance belongs to
 * one container, so two containers in one JVM never share instances. Thread-safe. Not a supported
 * API.
 */
public final class ContextScope implements Scope {
  private final boolean coroutine;
  private final PhaseGate gate;
  private final Map<Key<?>, String> sources = new ConcurrentHashMap<>();
  private final AtomicInteger slotIndexes = new AtomicInteger();

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
    injector
        .getBindings()
        .forEach((key, binding) -> sources.put(key, CallerLocation.describe(binding.getSource())));
  }

  @Override
  public <T> Provider<T> scope(Key<T> key, Provider<T> unscoped) {
    return new ScopedProvider<>(this, key, unscoped);
  }

  /** The next slot index of this scope (one per scoped binding), for {@link IndexedSlotKey}. */
  int nextSlotIndex() {
    return slotIndexes.getAndIncrement();
  }

  boolean isCoroutine() {
    return coroutine;
  }

  /** The current thread's worker store, or the error that says why there is none. */
  ScopeStore workerStore(Key<?> key) {
    WorkerContext worker = Current.worker();
    if (worker == null) {
      throw CoreErrors.eagerGet(
          name(key), "@WorkerScoped binding", gate.current(), declaredAt(key));
    }
    return worker.store();
  }

  /** The current thread's coroutine, or the error that says why there is none. */
  CoroutineContext coroutine(Key<?> key) {
    CoroutineContext coroutine = Current.coroutine();
    if (coroutine == null) {
      throw gate.current().isBeforeWorkers()
          ? CoreErrors.eagerGet(
              name(key), "@CoroutineScoped binding", gate.current(), declaredAt(key))
          : outOfScope(key);
    }
    return coroutine;
  }

  private DiException outOfScope(Key<?> key) {
    return DiException.builder(
            ErrorId.OUT_OF_SCOPE,
            "@CoroutineScoped " + name(key) + " was resolved outside a coroutine")
        .field("key", name(key))
        .field("phase", gate.current())
        .field("thread", Thread.currentThread().getName())
        .field("declared", declaredAt(key))
        .field("caller", CallerLocation.application())
        .fix(
            "Resolve it inside a worker task (a coroutine); objects that outlive one task should inject "
                + "Provider<T> and call get() within each task.")
        .build();
  }

  /**
   * The key as the user wrote it: {@code com.example.Orders}, {@code @Named("db")
   * com.example.Orders}.
   */
  static String name(Key<?> key) {
    String type = key.getTypeLiteral().toString();
    if (key.getAnnotation() != null) {
      return key.getAnnotation() + " " + type;
    }
    return key.getAnnotationType() == null
        ? type
        : "@" + key.getAnnotationType().getName() + " " + type;
  }

  /** Where {@code key} was declared: for errors only. */
  String declaredAt(Key<?> key) {
    return sources.getOrDefault(key, "(a Guice binding; see the module that binds it)");
  }

  @Override
  public String toString() {
    return coroutine ? "Di.coroutineScope()" : "Di.workerScope()";
  }
}

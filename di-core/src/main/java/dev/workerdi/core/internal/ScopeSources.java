package dev.workerdi.core.internal;

import com.google.inject.Injector;
import jakarta.inject.Inject;

/**
 * Injected once by every injector built from {@code Di.module()}: tells the container's scopes
 * where each of that injector's bindings was declared, so that a scoped key resolved too early
 * names the user's module line. The only writer of scope sources. Thread-safe.
 */
final class ScopeSources {
  private final ContextScope worker;
  private final ContextScope coroutine;

  ScopeSources(ContextScope worker, ContextScope coroutine) {
    this.worker = worker;
    this.coroutine = coroutine;
  }

  @Inject
  void attach(Injector injector) {
    worker.recordSources(injector);
    coroutine.recordSources(injector);
  }
}

package dev.workerdi.lifecycle.host;

import com.google.inject.AbstractModule;
import dev.workerdi.core.CoroutineScoped;
import dev.workerdi.core.Di;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.lifecycle.BeforeWorkerStart;
import dev.workerdi.lifecycle.FrameInitialize;
import dev.workerdi.lifecycle.FrameInitialized;
import dev.workerdi.lifecycle.OnWorkerStart;
import dev.workerdi.lifecycle.OnWorkerStop;
import dev.workerdi.lifecycle.Shutdown;
import jakarta.inject.Named;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Modules and classes for the host tests. */
final class HostFixtures {
  private HostFixtures() {}

  /** A per-worker client that records its closing. */
  public static final class Client implements AutoCloseable {
    static final List<String> CLOSED = new CopyOnWriteArrayList<>();
    final String name;

    public Client(String name) {
      this.name = name;
    }

    @Override
    public void close() {
      CLOSED.add(name + "@" + WorkerContext.current().map(WorkerContext::name).orElse("?"));
    }
  }

  /** Worker-scoped through Guice. */
  @WorkerScoped
  public static final class Cache implements AutoCloseable {
    static final AtomicInteger CLOSED = new AtomicInteger();

    @Override
    public void close() {
      CLOSED.incrementAndGet();
    }
  }

  /** Coroutine-scoped through Guice. */
  @CoroutineScoped
  public static final class RequestState implements AutoCloseable {
    static final AtomicInteger OPEN = new AtomicInteger();

    RequestState() {
      OPEN.incrementAndGet();
    }

    @Override
    public void close() {
      OPEN.decrementAndGet();
    }
  }

  /** Records every hook call in order. */
  static class Recording extends AbstractModule {
    final List<String> log;
    final String name;

    Recording(String name, List<String> log) {
      this.name = name;
      this.log = log;
    }

    @FrameInitialize
    void registerRecipes(Di di) {
      log.add(name + ".frameInitialize");
      if (name.equals("A")) {
        di.set("CLIENT", Client.class, "client");
      }
    }

    @FrameInitialized
    void initialized() {
      log.add(name + ".frameInitialized");
    }

    @BeforeWorkerStart
    void beforeWorkers() {
      log.add(name + ".beforeWorkerStart");
    }

    @OnWorkerStart
    void workerStart(WorkerContext worker, @Named("CLIENT") Client client) {
      log.add(name + ".onWorkerStart(" + worker.name() + ", " + client.name + ")");
    }

    @OnWorkerStart
    void workerStartSecond(WorkerContext worker) {
      log.add(name + ".onWorkerStart2(" + worker.name() + ")");
    }

    @OnWorkerStop
    void workerStop(WorkerContext worker) {
      log.add(name + ".onWorkerStop(" + worker.name() + ")");
    }

    @Shutdown
    void shutdown() {
      log.add(name + ".shutdown");
    }
  }
}

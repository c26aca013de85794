package dev.workerdi.samples;

import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.Phase;
import dev.workerdi.core.WorkerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The README's first command: registers a worker-bound recipe before start, shows the fail-fast
 * error of an eager get, then starts workers whose coroutines each see their own worker's
 * instance. Not thread-safe; run once from {@code main}.
 */
public final class Demo {
  private Demo() {}

  /** A stand-in for a per-worker client; the database-backed demo replaces it. */
  public static final class Counter {
    private final String name;
    private int hits;

    public Counter(String name) {
      this.name = name;
    }

    int hit() {
      return ++hits;
    }

    @Override
    public String toString() {
      return name + "@" + Integer.toHexString(System.identityHashCode(this));
    }
  }

  public static void main(String[] args) throws Exception {
    Di di = Di.create();
    di.set("COUNTER", Counter.class.getName(), "counter");
    System.out.println("registered: " + di.bindings().get(0).description());
    di.phases().advanceTo(Phase.BEFORE_WORKER_START);
    try {
      di.get("COUNTER");
      throw new IllegalStateException("an eager get before start must fail");
    } catch (DiException expected) {
      System.out.println("eager get before start fails fast, as it should:\n" + expected.getMessage());
    }
    di.phases().advanceTo(Phase.ON_WORKER_START);
    List<WorkerContext> workers = List.of(WorkerContext.create(0, "worker-0"), WorkerContext.create(1, "worker-1"));
    di.phases().advanceTo(Phase.RUNNING);
    try (ExecutorService coroutines = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (int task = 0; task < 8; task++) {
        WorkerContext worker = workers.get(task % workers.size());
        results.add(coroutines.submit(() -> {
          try (CoroutineContext coroutine = worker.openCoroutine()) {
            return coroutine + " -> " + di.get("COUNTER");
          }
        }));
      }
      for (Future<String> result : results) {
        System.out.println(result.get());
      }
    }
    di.phases().advanceTo(Phase.SHUTDOWN);
    workers.forEach(WorkerContext::close);
    System.out.println("demo finished: each worker built its own COUNTER, none was built before start");
  }
}

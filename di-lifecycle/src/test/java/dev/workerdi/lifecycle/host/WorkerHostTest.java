package dev.workerdi.lifecycle.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.name.Names;
import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.Phase;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.lifecycle.BeforeWorkerStart;
import dev.workerdi.lifecycle.OnWorkerStart;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.Golden;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The worker host: hook order and injection, failures and teardown, coroutines at scale. */
class WorkerHostTest {

  @Test
  void hooksRunInPhaseThenModuleThenDeclarationOrder() {
    List<String> log = new CopyOnWriteArrayList<>();
    HostFixtures.Client.CLOSED.clear();
    WorkerHost host =
        WorkerHost.builder()
            .workers(2)
            .shutdownHook(false)
            .modules(new HostFixtures.Recording("A", log), new HostFixtures.Recording("B", log))
            .build();
    host.start();
    host.stop(Duration.ofSeconds(5));
    assertEquals(
        List.of(
            "A.frameInitialize", "B.frameInitialize",
            "A.frameInitialized", "B.frameInitialized",
            "A.beforeWorkerStart", "B.beforeWorkerStart",
            "A.onWorkerStart(worker-0, client)", "A.onWorkerStart2(worker-0)",
            "B.onWorkerStart(worker-0, client)", "B.onWorkerStart2(worker-0)",
            "A.onWorkerStart(worker-1, client)", "A.onWorkerStart2(worker-1)",
            "B.onWorkerStart(worker-1, client)", "B.onWorkerStart2(worker-1)",
            "A.onWorkerStop(worker-1)", "B.onWorkerStop(worker-1)",
            "A.onWorkerStop(worker-0)", "B.onWorkerStop(worker-0)",
            "A.shutdown", "B.shutdown"),
        log);
    assertEquals(
        List.of("client@?", "client@?"),
        HostFixtures.Client.CLOSED,
        "one client per worker, closed once");
    assertEquals(Phase.SHUTDOWN, host.di().phases().current());
  }

  static final class EagerModule extends AbstractModule {
    @BeforeWorkerStart
    void warmUp(Di di) {
      di.get("CLIENT");
    }
  }

  @Test
  void eagerGetInBeforeWorkerStartAbortsStartNamingTheHook() {
    Di di = Di.create();
    di.set("CLIENT", HostFixtures.Client.class, "client");
    WorkerHost host =
        WorkerHost.builder()
            .di(di)
            .workers(2)
            .shutdownHook(false)
            .modules(new EagerModule())
            .build();
    DiException error = assertThrows(DiException.class, host::start);
    assertEquals(
        ErrorId.EAGER_GET,
        error.id(),
        "the hook's own error keeps its id, with the hook as context");
    Golden.assertMatches("lifecycle/hook_eager_get", error.getMessage());
    assertEquals(Phase.SHUTDOWN, di.phases().current());
  }

  static final class FailingWorker extends AbstractModule {
    final List<String> log;

    FailingWorker(List<String> log) {
      this.log = log;
    }

    @OnWorkerStart
    void open(
        WorkerContext worker, @com.google.inject.name.Named("CLIENT") HostFixtures.Client client) {
      log.add("start " + worker.name());
      if (worker.id() == 2) {
        throw new IllegalStateException("disk full");
      }
    }

    @dev.workerdi.lifecycle.OnWorkerStop
    void close(WorkerContext worker) {
      log.add("stop " + worker.name());
    }

    @dev.workerdi.lifecycle.Shutdown
    void shutdown() {
      log.add("shutdown");
    }
  }

  @Test
  void failedWorkerStartTearsDownInReverseOrder() {
    List<String> log = new CopyOnWriteArrayList<>();
    HostFixtures.Client.CLOSED.clear();
    Di di = Di.create();
    di.set("CLIENT", HostFixtures.Client.class, "client");
    WorkerHost host =
        WorkerHost.builder()
            .di(di)
            .workers(4)
            .shutdownHook(false)
            .modules(new FailingWorker(log))
            .build();
    DiException error = assertThrows(DiException.class, host::start);
    assertEquals(ErrorId.HOOK_FAILED, error.id());
    Golden.assertMatches("lifecycle/hook_failed_worker_start", error.getMessage());
    assertEquals(
        List.of(
            "start worker-0",
            "start worker-1",
            "start worker-2",
            "stop worker-2",
            "stop worker-1",
            "stop worker-0",
            "shutdown"),
        log);
    assertEquals(3, HostFixtures.Client.CLOSED.size(), "each started worker's client closed once");
    DiException submit = assertThrows(DiException.class, () -> host.submit(() -> 1));
    assertEquals(ErrorId.HOST_STATE, submit.id());
  }

  @Test
  void tenThousandCoroutinesEachGetTheirOwnScopedInstanceAndReleaseIt() throws Exception {
    WorkerHost host = WorkerHost.builder().workers(4).shutdownHook(false).build();
    host.start();
    Set<Object> seen = ConcurrentHashMap.newKeySet();
    CountDownLatch allStarted = new CountDownLatch(10_000);
    List<CompletableFuture<Object>> futures = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      futures.add(
          host.submit(
              () -> {
                HostFixtures.RequestState state =
                    host.injector().getInstance(HostFixtures.RequestState.class);
                assertSame(state, host.injector().getInstance(HostFixtures.RequestState.class));
                seen.add(state);
                allStarted.countDown();
                allStarted.await();
                return CoroutineContext.current().orElseThrow().worker().name();
              }));
    }
    Set<Object> workersUsed = ConcurrentHashMap.newKeySet();
    for (CompletableFuture<Object> future : futures) {
      workersUsed.add(future.get());
    }
    assertEquals(10_000, seen.size(), "one instance per coroutine");
    assertEquals(4, workersUsed.size());
    assertEquals(0, HostFixtures.RequestState.OPEN.get(), "every coroutine released its instance");
    assertEquals(0, host.runningTasks());
    host.stop(Duration.ofSeconds(5));
  }

  @Test
  void workerScopedInstancesAreOnePerWorkerAndClosedOnceAtStop() throws Exception {
    HostFixtures.Cache.CLOSED.set(0);
    WorkerHost host = WorkerHost.builder().workers(3).shutdownHook(false).build();
    host.start();
    List<Object> perWorker = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      Object first =
          host.submit(w, () -> host.injector().getInstance(HostFixtures.Cache.class)).get();
      assertSame(
          first, host.submit(w, () -> host.injector().getInstance(HostFixtures.Cache.class)).get());
      perWorker.add(first);
    }
    assertNotSame(perWorker.get(0), perWorker.get(1));
    host.stop(Duration.ofSeconds(5));
    host.stop(Duration.ofSeconds(5));
    assertEquals(3, HostFixtures.Cache.CLOSED.get());
  }

  @Test
  void stopDrainsThenInterruptsAndReleasesCoroutineScope() throws Exception {
    HostFixtures.RequestState.OPEN.set(0);
    WorkerHost host = WorkerHost.builder().workers(1).shutdownHook(false).build();
    host.start();
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<Object> stuck =
        host.submit(
            () -> {
              host.injector().getInstance(HostFixtures.RequestState.class);
              running.countDown();
              Thread.sleep(60_000);
              return "never";
            });
    running.await();
    host.stop(Duration.ofMillis(100));
    assertTrue(stuck.isCompletedExceptionally());
    assertEquals(0, HostFixtures.RequestState.OPEN.get());
  }

  @Test
  void cancellingATaskInterruptsItsCoroutine() throws Exception {
    HostFixtures.RequestState.OPEN.set(0);
    WorkerHost host = WorkerHost.builder().workers(1).shutdownHook(false).build();
    host.start();
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<Object> task =
        host.submit(
            () -> {
              host.injector().getInstance(HostFixtures.RequestState.class);
              running.countDown();
              Thread.sleep(60_000);
              return "never";
            });
    running.await();
    task.cancel(true);
    while (host.runningTasks() > 0) {
      Thread.sleep(5);
    }
    assertEquals(0, HostFixtures.RequestState.OPEN.get());
    host.stop(Duration.ofSeconds(1));
  }

  @Test
  void recipesRegisteredByHooksAreVisibleToGuiceInWorkers() throws Exception {
    WorkerHost host =
        WorkerHost.builder()
            .workers(2)
            .shutdownHook(false)
            .modules(new HostFixtures.Recording("A", new CopyOnWriteArrayList<>()))
            .build();
    host.start();
    Object viaGuice =
        host.submit(
                0,
                () ->
                    host.injector()
                        .getInstance(Key.get(HostFixtures.Client.class, Names.named("CLIENT"))))
            .get();
    assertSame(viaGuice, host.submit(0, () -> host.di().get("CLIENT")).get());
    assertNotSame(viaGuice, host.submit(1, () -> host.di().get("CLIENT")).get());
    DiException late =
        assertThrows(
            DiException.class, () -> host.di().set("LATE", HostFixtures.Client.class, "x"));
    assertEquals(ErrorId.REGISTRATION_CLOSED, late.id());
    assertTrue(WorkerContext.current().isEmpty());
    host.stop(Duration.ofSeconds(1));
  }
}

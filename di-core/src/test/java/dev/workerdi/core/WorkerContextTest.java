package dev.workerdi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.ProvisionException;
import com.google.inject.name.Names;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Worker and coroutine contexts: once per worker under contention, scopes, close order. */
class WorkerContextTest {

  @Test
  void concurrentFirstGetsInOneWorkerBuildExactlyOneInstance() throws Exception {
    Di di = Di.create();
    di.set("SLOW", Fixtures.Slow.class);
    WorkerContext worker = WorkerContext.create(1, "worker-1");
    int before = Fixtures.Slow.BUILT.get();
    Set<Object> seen = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        futures.add(
            threads.submit(
                () -> {
                  start.await();
                  try (CoroutineContext coroutine = worker.openCoroutine()) {
                    seen.add(di.get("SLOW"));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get();
      }
    }
    assertEquals(1, Fixtures.Slow.BUILT.get() - before, "instances built");
    assertEquals(1, seen.size());
  }

  @Test
  void recipeIsNeverBuiltBeforeStartEvenThroughGuice() {
    Di di = Di.create();
    di.set("CLIENT", Fixtures.Client.class, "h", 1);
    Injector injector = Guice.createInjector(di.module());
    int before = Fixtures.Client.BUILT.get();
    ProvisionException error =
        assertThrows(
            ProvisionException.class,
            () -> injector.getInstance(Key.get(Fixtures.Client.class, Names.named("CLIENT"))));
    assertEquals(ErrorId.EAGER_GET, ((DiException) error.getCause()).id());
    assertEquals(before, Fixtures.Client.BUILT.get());
  }

  @Test
  void guiceAndGetShareTheWorkerInstance() throws Exception {
    Di di = Di.create();
    di.set("CLIENT", Fixtures.Client.class, "h", 1);
    Injector injector = Guice.createInjector(di.module());
    Provider<Object> provider = injector.getProvider(Key.get(Object.class, Names.named("CLIENT")));
    WorkerContext worker = WorkerContext.create(1, "worker-1");
    Object viaGuice =
        worker.call(
            () -> injector.getInstance(Key.get(Fixtures.Client.class, Names.named("CLIENT"))));
    assertSame(viaGuice, worker.call(() -> di.get("CLIENT")));
    assertSame(viaGuice, worker.call(provider::get));
  }

  @Test
  void workerCloseClosesEachInstanceOnceNewestFirst() throws Exception {
    Di di = Di.create();
    di.set("A", Fixtures.Resource.class, "a");
    di.set("B", Fixtures.Resource.class, "b");
    di.set("C", Fixtures.Resource.class, "c");
    WorkerContext worker = WorkerContext.create(1, "w");
    worker.run(
        () -> {
          di.get("B");
          di.get("A");
          di.get("C");
        });
    Fixtures.Resource.CLOSED.clear();
    worker.close();
    worker.close();
    assertEquals(List.of("c", "a", "b"), Fixtures.Resource.CLOSED);
    DiException closed = assertThrows(DiException.class, () -> worker.run(() -> di.get("A")));
    assertEquals(ErrorId.CONTEXT_CLOSED, closed.id());
  }

  static final class PerTask implements AutoCloseable {
    static final List<PerTask> CLOSED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void close() {
      CLOSED.add(this);
    }
  }

  /** An injector of {@code di}'s module with {@link PerTask} bound in {@code scope}. */
  private static Injector perTaskIn(Di di, Class<? extends Annotation> scope) {
    return Guice.createInjector(
        di.module(),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(PerTask.class).in(scope);
          }
        });
  }

  @Test
  void coroutineScopedInstancesAreOnePerCoroutineAndReleasedEvenOnException() throws Exception {
    Di di = Di.create();
    Injector injector = perTaskIn(di, CoroutineScoped.class);
    WorkerContext worker = WorkerContext.create(1, "w");
    PerTask.CLOSED.clear();
    List<PerTask> firsts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<?> done =
            threads.submit(
                () -> {
                  try (CoroutineContext coroutine = worker.openCoroutine()) {
                    PerTask first = injector.getInstance(PerTask.class);
                    assertSame(first, injector.getInstance(PerTask.class));
                    firsts.add(first);
                    if (n == 1) {
                      throw new IllegalStateException("task failed");
                    }
                  }
                  return null;
                });
        if (n == 1) {
          assertThrows(java.util.concurrent.ExecutionException.class, done::get);
        } else {
          done.get();
        }
      }
    }
    assertEquals(3, Set.copyOf(firsts).size());
    assertEquals(firsts, PerTask.CLOSED);
  }

  @Test
  void coroutineScopedOutsideACoroutineFailsWithTheKey() {
    Di di = Di.create();
    // its own module, not perTaskIn: the golden names where it is declared, WorkerContextTest$2
    // (perTaskIn's module is $1)
    Injector injector =
        Guice.createInjector(
            di.module(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(PerTask.class).in(CoroutineScoped.class);
              }
            });
    ProvisionException early =
        assertThrows(ProvisionException.class, () -> injector.getInstance(PerTask.class));
    assertEquals(
        ErrorId.EAGER_GET,
        ((DiException) early.getCause()).id(),
        "before start it is an eager get");
    di.phases().advanceTo(Phase.RUNNING);
    ProvisionException error =
        assertThrows(ProvisionException.class, () -> injector.getInstance(PerTask.class));
    DiException cause = (DiException) error.getCause();
    assertEquals(ErrorId.OUT_OF_SCOPE, cause.id());
    dev.workerdi.testing.Golden.assertMatches(
        "core/coroutine_scoped_outside_coroutine", cause.getMessage());
  }

  @Test
  void workerScopedGuiceBindingIsOnePerWorker() throws Exception {
    Di di = Di.create();
    Injector injector = perTaskIn(di, WorkerScoped.class);
    WorkerContext one = WorkerContext.create(1, "w1");
    WorkerContext two = WorkerContext.create(2, "w2");
    PerTask first = one.call(() -> injector.getInstance(PerTask.class));
    assertSame(first, one.call(() -> injector.getInstance(PerTask.class)));
    assertNotSame(first, two.call(() -> injector.getInstance(PerTask.class)));
    assertEquals("Di.workerScope()", di.workerScope().toString());
  }

  @Test
  void twoContainersOnOneWorkerKeepTheirOwnInstancesOfTheSameScopedBinding() throws Exception {
    // Both containers' first worker-scoped binding has slot index 0 in its own scope: the one
    // worker store must still tell the two keys apart.
    List<Injector> injectors = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      injectors.add(perTaskIn(Di.create(), WorkerScoped.class));
    }
    WorkerContext worker = WorkerContext.create(1, "shared");
    PerTask first = worker.call(() -> injectors.get(0).getInstance(PerTask.class));
    PerTask second = worker.call(() -> injectors.get(1).getInstance(PerTask.class));
    assertNotSame(first, second);
    for (int i = 0; i < 3; i++) {
      assertSame(first, worker.call(() -> injectors.get(0).getInstance(PerTask.class)));
      assertSame(second, worker.call(() -> injectors.get(1).getInstance(PerTask.class)));
    }
    worker.close();
  }

  /** An interface-typed coroutine-scoped binding. */
  public interface Session {
    String user();
  }

  @Test
  void aCoroutineScopedInterfaceUsedFromAnotherCoroutineFails() throws Exception {
    Di di = Di.create();
    Injector injector =
        Guice.createInjector(
            di.module(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Session.class).toInstance(() -> "alice");
              }

              @com.google.inject.Provides
              @CoroutineScoped
              @com.google.inject.name.Named("current")
              Session current() {
                return () -> "bob";
              }
            });
    WorkerContext worker = WorkerContext.create(1, "w");
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Session mine =
          threads
              .submit(
                  () -> {
                    try (CoroutineContext coroutine = worker.openCoroutine()) {
                      Session session =
                          injector.getInstance(Key.get(Session.class, Names.named("current")));
                      assertEquals("bob", session.user());
                      return session;
                    }
                  })
              .get();
      java.util.concurrent.ExecutionException error =
          assertThrows(
              java.util.concurrent.ExecutionException.class,
              () -> threads.submit(mine::user).get());
      assertEquals(ErrorId.NOT_OWNER, ((DiException) error.getCause()).id());
      dev.workerdi.testing.Golden.assertMatches(
          "core/coroutine_scoped_not_owner",
          error.getCause().getMessage().replaceAll("'[^']*'", "'T'").replaceAll("#\\d+", "#N"));
    }
  }

  @Test
  void coroutineMustBeClosedOnItsOwnThread() throws Exception {
    WorkerContext worker = WorkerContext.create(1, "w");
    CoroutineContext coroutine;
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      coroutine = threads.submit(worker::openCoroutine).get();
    }
    DiException error = assertThrows(DiException.class, coroutine::close);
    assertEquals(ErrorId.WRONG_THREAD, error.id());
  }

  @Test
  void callerLineIsTheApplicationLine() {
    Di di = Di.create();
    int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
    di.set("CLIENT", Fixtures.Client.class, "h", 1);
    DiException error = assertThrows(DiException.class, () -> di.get("CLIENT"));
    assertTrue(
        error.getMessage().contains("(WorkerContextTest.java:" + line + ")"), error.getMessage());
  }
}

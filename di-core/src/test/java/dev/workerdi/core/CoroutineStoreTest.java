package dev.workerdi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.spi.ScopeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A coroutine's store ({@code CoroutineContext.store()}) keeps the store contract of the worker's.
 */
class CoroutineStoreTest {
  private final WorkerContext worker = WorkerContext.create(0, "store-test");

  @Test
  void eachSlotIsBuiltOnceAndClosedNewestFirstWithDeferredActions() {
    List<String> closed = new ArrayList<>();
    CoroutineContext coroutine = worker.openCoroutine();
    ScopeStore store = coroutine.store();
    for (int i = 0; i < 5; i++) {
      String name = "slot-" + i;
      Object first = store.get(name, name, "here", () -> (AutoCloseable) () -> closed.add(name));
      assertSame(
          first,
          store.get(
              name,
              name,
              "here",
              () -> {
                throw new AssertionError("built twice");
              }));
      assertSame(first, store.builtOr(name, this));
      if (i == 2) {
        coroutine.defer(() -> closed.add("deferred"));
      }
    }
    assertNull(store.get("null", "null", "here", () -> null));
    assertTrue(store.isBuilt("null"));
    assertSame(this, store.builtOr("absent", this));
    assertEquals(7, store.size());
    coroutine.close();
    assertEquals(List.of("slot-4", "slot-3", "deferred", "slot-2", "slot-1", "slot-0"), closed);
    assertTrue(store.isClosed());
    assertFalse(store.isBuilt("slot-0"));
    DiException error =
        assertThrows(DiException.class, () -> store.get("late", "late-key", "here", Object::new));
    assertEquals(ErrorId.CONTEXT_CLOSED, error.id());
    assertTrue(
        error.getMessage().contains("late-key")
            && error.getMessage().contains("coroutine 'store-test#1'"),
        error.getMessage());
  }

  @Test
  void aFailedBuildIsRetriedAndANestedBuildOfTheSameSlotIsCircular() {
    try (CoroutineContext coroutine = worker.openCoroutine()) {
      ScopeStore store = coroutine.store();
      AtomicInteger attempts = new AtomicInteger();
      assertThrows(
          IllegalStateException.class,
          () ->
              store.get(
                  "a",
                  "a",
                  "here",
                  () -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("first build fails");
                  }));
      assertFalse(store.isBuilt("a"));
      assertEquals(
          "built",
          store.get("a", "a", "here", () -> attempts.incrementAndGet() == 2 ? "built" : "wrong"));
      assertEquals(2, attempts.get());
      DiException circular =
          assertThrows(
              DiException.class,
              () ->
                  store.get(
                      "b",
                      "b-key",
                      "declared-b",
                      () -> store.get("b", "b-key", "declared-b", Object::new)));
      assertEquals(ErrorId.CIRCULAR_RESOLUTION, circular.id());
      assertFalse(store.isBuilt("b"));
      assertEquals(List.of("inner", "outer"), nestedOrder(store));
    }
  }

  /**
   * Two slots, the outer one built while building the inner: the inner is created, and closed,
   * first.
   */
  private static List<String> nestedOrder(ScopeStore store) {
    List<String> created = new ArrayList<>();
    store.get(
        "outer",
        "outer",
        "here",
        () -> {
          store.get("inner", "inner", "here", () -> created.add("inner"));
          return created.add("outer");
        });
    return created;
  }

  @Test
  void closeReportsEveryFailureAfterClosingAll() {
    List<String> closed = new ArrayList<>();
    CoroutineContext coroutine = worker.openCoroutine();
    coroutine.defer(() -> closed.add("first"));
    coroutine.defer(
        () -> {
          throw new IllegalStateException("boom 1");
        });
    coroutine.defer(
        () -> {
          throw new IllegalStateException("boom 2");
        });
    DiException error = assertThrows(DiException.class, coroutine::close);
    assertEquals(ErrorId.CLOSE_FAILED, error.id());
    assertEquals(2, error.getSuppressed().length);
    assertEquals(List.of("first"), closed);
    assertTrue(error.getMessage().contains("coroutine 'store-test#1'"), error.getMessage());
  }

  @Test
  void anotherThreadWaitsForTheBuildInProgressAndGetsTheSameInstance() throws Exception {
    try (CoroutineContext coroutine = worker.openCoroutine();
        var others = Executors.newVirtualThreadPerTaskExecutor()) {
      ScopeStore store = coroutine.store();
      CountDownLatch building = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger builds = new AtomicInteger();
      CompletableFuture<Object> first =
          CompletableFuture.supplyAsync(
              () ->
                  store.get(
                      "slow",
                      "slow",
                      "here",
                      () -> {
                        builds.incrementAndGet();
                        building.countDown();
                        await(release);
                        return new Object();
                      }),
              others);
      building.await();
      CompletableFuture<Object> second =
          CompletableFuture.supplyAsync(
              () -> store.get("slow", "slow", "here", () -> builds.incrementAndGet()), others);
      release.countDown();
      assertSame(first.get(), second.get());
      assertEquals(1, builds.get());
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.ProvisionException;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Messages;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.Secrets;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input, pools and leases, on a running host: each misuse fails with one error whose text is
 * pinned by {@code golden/reliability/pool_*.txt}, and leaves the container's bindings, the pools
 * (connections, leases out, reclaims, evictions) and the data as they were.
 */
@RealDatabase
@ExtendWith(Secrets.class)
class PoolMisuseTest {
  private static Catalog catalog;

  @BeforeAll
  static void open(FreshDatabase db) throws Exception {
    catalog = Catalog.open(db);
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  @Test
  void acquisitionTimesOutWithThePoolsState() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    CountDownLatch held = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    List<CompletableFuture<Object>> holders = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      holders.add(
          catalog.host.submit(
              0,
              () -> {
                try (Lease lease = catalog.host.injector().getInstance(WorkerPool.class).lease()) {
                  held.countDown();
                  release.await();
                }
                return null;
              }));
    }
    held.await();
    DiException error;
    try {
      error =
          catalog.thrownInWorker(
              0,
              DiException.class,
              () -> catalog.host.injector().getInstance(WorkerPool.class).lease());
    } finally {
      release.countDown();
      holders.forEach(CompletableFuture::join);
    }
    assertEquals(ErrorId.ACQUIRE_TIMEOUT, error.id());
    catalog.assertGolden("pool_acquisition_timeout", error);
    catalog.assertUnchanged(before);
  }

  /** Orders injects the coroutine's Connection. */
  public static final class Orders {
    final Connection connection;

    @Inject
    Orders(Connection connection) {
      this.connection = connection;
    }
  }

  @Test
  void aSecondLeaseFromTheSamePoolWhileTheInjectedOneIsHeldFailsAtOnce() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error =
        catalog.inWorker(
            0,
            () -> {
              Orders orders = catalog.host.injector().getInstance(Orders.class);
              Sql.number(orders.connection, "SELECT 1");
              return assertThrows(
                  DiException.class,
                  () -> catalog.host.injector().getInstance(WorkerPool.class).lease());
            });
    assertEquals(ErrorId.SECOND_LEASE, error.id());
    catalog.assertGolden("pool_second_lease_while_injected_one_is_held", error);
    catalog.assertUnchanged(before);
  }

  @Test
  void anyDoubleBorrowFailsAtOnceAndBorrowingAgainAfterReturningWorks() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error =
        catalog.inWorker(
            1,
            () -> {
              WorkerPool pool = catalog.host.injector().getInstance(WorkerPool.class);
              DiException second;
              try (Lease first = pool.lease()) {
                Sql.number(first.connection(), "SELECT 1");
                second =
                    Messages.unwrap(
                        assertThrows(
                            ProvisionException.class,
                            () -> catalog.host.injector().getInstance(Connection.class)));
              }
              try (Lease again = pool.lease()) {
                Sql.number(again.connection(), "SELECT 1");
              }
              Sql.number(catalog.host.injector().getInstance(Connection.class), "SELECT 1");
              return second;
            });
    assertEquals(ErrorId.SECOND_LEASE, error.id());
    catalog.assertGolden("pool_second_lease_by_hand_then_injected", error);
    catalog.assertUnchanged(before);
  }

  /**
   * Under contention the double borrow would hang every coroutine until DI-301; it fails at once
   * instead.
   */
  @Test
  void manyCoroutinesBorrowingTwiceFromASmallPoolEachFailAtOnceAndNoneHangs() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    List<CompletableFuture<ErrorId>> tasks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      tasks.add(
          catalog.host.submit(
              () -> {
                Sql.number(catalog.host.injector().getInstance(Connection.class), "SELECT 1");
                try (Lease second = catalog.host.injector().getInstance(WorkerPool.class).lease()) {
                  return null;
                } catch (DiException e) {
                  return e.id();
                }
              }));
    }
    for (CompletableFuture<ErrorId> task : tasks) {
      assertEquals(ErrorId.SECOND_LEASE, task.get());
    }
    catalog.assertUnchanged(before);
  }

  @Test
  void aConnectionInjectedOutsideAnyCoroutineNamesTheInjectionPoint() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error =
        Messages.unwrap(
            assertThrows(
                ProvisionException.class, () -> catalog.host.injector().getInstance(Orders.class)));
    assertEquals(ErrorId.OUT_OF_SCOPE, error.id());
    catalog.assertGolden("pool_connection_injected_outside_worker", error);
    catalog.assertUnchanged(before);
  }

  @Test
  void aLeaseUsedFromAnotherCoroutineFails() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error =
        catalog.inWorker(
            0,
            () -> {
              Connection mine = catalog.host.injector().getInstance(Connection.class);
              try (var other = Executors.newVirtualThreadPerTaskExecutor()) {
                return Messages.unwrap(
                    assertThrows(
                        ExecutionException.class,
                        () -> other.submit(() -> Sql.connectionId(mine)).get()));
              }
            });
    assertEquals(ErrorId.NOT_OWNER, error.id());
    catalog.assertGolden("pool_lease_used_by_another_coroutine", error);
    catalog.assertUnchanged(before);
  }

  @Test
  void aConnectionUsedAfterItsLeaseReturnedFails() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error =
        catalog.inWorker(
            1,
            () -> {
              Connection connection = catalog.host.injector().getInstance(Connection.class);
              connection.close();
              return assertThrows(DiException.class, () -> connection.createStatement());
            });
    assertEquals(ErrorId.LEASE_RELEASED, error.id());
    catalog.assertGolden("pool_connection_used_after_return", error);
    catalog.assertUnchanged(before);
  }

  @Test
  void aConnectionOutsideAnyWorkerFailsFast() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error =
        Messages.unwrap(
            assertThrows(
                ProvisionException.class,
                () -> catalog.host.injector().getInstance(Connection.class)));
    catalog.assertGolden("pool_connection_outside_worker", error);
    catalog.assertUnchanged(before);
  }

  @Test
  void aWorkerPoolOutsideAnyWorkerFailsFast() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error =
        Messages.unwrap(
            assertThrows(
                ProvisionException.class,
                () -> catalog.host.injector().getInstance(WorkerPool.class)));
    catalog.assertGolden("pool_worker_pool_outside_worker", error);
    catalog.assertUnchanged(before);
  }
}

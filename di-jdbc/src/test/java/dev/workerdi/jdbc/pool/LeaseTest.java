package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pools per worker and leases per coroutine, on a real server. */
@RealDatabase
class LeaseTest {
  private static WorkerHost host;

  @BeforeAll
  static void start(FreshDatabase db) {
    host = Hosts.start(Hosts.settings(db, 3), 2);
  }

  @AfterAll
  static void stop() throws Exception {
    Hosts.stop(host);
  }

  static long connectionId(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery("SELECT CONNECTION_ID()")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void eachWorkerHasItsOwnPoolAndNeverSharesAConnection() throws Exception {
    List<Set<Long>> idsPerWorker = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      CountDownLatch together = new CountDownLatch(3);
      for (int i = 0; i < 3; i++) {
        futures.add(
            host.submit(
                w,
                () -> {
                  long id = connectionId(host.injector().getInstance(Connection.class));
                  together.countDown();
                  together.await();
                  return id;
                }));
      }
      Set<Long> ids = new HashSet<>();
      for (CompletableFuture<Long> future : futures) {
        ids.add(future.get());
      }
      assertEquals(3, ids.size(), "three concurrent coroutines, three connections");
      idsPerWorker.add(ids);
    }
    Set<Long> overlap = new HashSet<>(idsPerWorker.get(0));
    overlap.retainAll(idsPerWorker.get(1));
    assertTrue(overlap.isEmpty(), "workers shared a connection: " + overlap);
    List<WorkerPool> pools = Hosts.pools(host);
    assertEquals("db-worker-0", pools.get(0).name());
    assertEquals("db-worker-1", pools.get(1).name());
  }

  @Test
  void aCoroutineKeepsOneLeaseForItsWholeLife() throws Exception {
    host.submit(
            0,
            () -> {
              Lease lease = host.injector().getInstance(Lease.class);
              assertSame(lease, host.injector().getInstance(Lease.class));
              Connection first = host.injector().getInstance(Connection.class);
              assertSame(first, host.injector().getInstance(Connection.class));
              assertEquals(connectionId(first), connectionId(lease.connection()));
              return null;
            })
        .get();
  }

  @Test
  void leaseIsReturnedAtCoroutineEndEvenWhenTheTaskThrows() throws Exception {
    WorkerPool pool = Hosts.pools(host).get(1);
    long returned = pool.stats().returned();
    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () ->
                host.submit(
                        1,
                        () -> {
                          connectionId(host.injector().getInstance(Connection.class));
                          throw new IllegalStateException("task failed");
                        })
                    .get());
    assertEquals("task failed", failure.getCause().getMessage());
    assertEquals(returned + 1, pool.stats().returned());
    assertEquals(0, pool.state().active());
  }

  @Test
  void leaseIsReturnedWhenTheCoroutineIsCancelledMidQuery() throws Exception {
    WorkerPool pool = Hosts.pools(host).get(0);
    CountDownLatch querying = new CountDownLatch(1);
    CompletableFuture<Object> task =
        host.submit(
            0,
            () -> {
              Connection connection = host.injector().getInstance(Connection.class);
              querying.countDown();
              try (Statement s = connection.createStatement()) {
                s.execute("SELECT SLEEP(30)");
              }
              return null;
            });
    querying.await();
    Thread.sleep(200);
    task.cancel(true);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (host.runningTasks() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, host.runningTasks());
    assertEquals(pool.stats().borrowed(), pool.stats().returned());
    assertEquals(0, pool.state().active());
  }

  @Test
  void aLeaseUsedFromAnotherCoroutineFails() throws Exception {
    DiException error =
        host.submit(
                0,
                () -> {
                  Connection mine = host.injector().getInstance(Connection.class);
                  try (var other = Executors.newVirtualThreadPerTaskExecutor()) {
                    ExecutionException e =
                        assertThrows(
                            ExecutionException.class,
                            () -> other.submit(() -> connectionId(mine)).get());
                    return (DiException) e.getCause();
                  }
                })
            .get();
    assertEquals(ErrorId.NOT_OWNER, error.id());
  }

  @Test
  void aConnectionUsedAfterItsLeaseReturnedFails() throws Exception {
    DiException error =
        host.submit(
                0,
                () -> {
                  Lease lease = host.injector().getInstance(Lease.class);
                  Connection connection = lease.connection();
                  connection.close();
                  assertTrue(lease.isReleased());
                  assertTrue(connection.isClosed());
                  return assertThrows(DiException.class, connection::createStatement);
                })
            .get();
    assertEquals(ErrorId.LEASE_RELEASED, error.id());
  }

  @Test
  void aForgottenManualLeaseIsReclaimedAndReportedOnce() throws Exception {
    WorkerPool pool = Hosts.pools(host).get(1);
    long reclaimed = pool.stats().reclaimed();
    long id =
        host.submit(
                1,
                () ->
                    connectionId(
                        host.injector().getInstance(WorkerPool.class).lease().connection()))
            .get();
    assertNotEquals(0, id);
    assertEquals(reclaimed + 1, pool.stats().reclaimed());
    assertEquals(0, pool.state().active());
    host.submit(
            1,
            () -> {
              try (Lease lease = host.injector().getInstance(WorkerPool.class).lease()) {
                connectionId(lease.connection());
              }
              return null;
            })
        .get();
    assertEquals(reclaimed + 1, pool.stats().reclaimed(), "a closed manual lease is not reclaimed");
  }

  @Test
  void resolvingAConnectionOutsideAnyCoroutineFailsFast() {
    dev.workerdi.core.Di di = dev.workerdi.core.Di.create();
    com.google.inject.Injector injector =
        com.google.inject.Guice.createInjector(
            di.module(),
            dev.workerdi.jdbc.JdbcModule.of(
                host.injector().getInstance(dev.workerdi.jdbc.JdbcSettings.class)));
    com.google.inject.ProvisionException e =
        assertThrows(
            com.google.inject.ProvisionException.class,
            () -> injector.getInstance(Connection.class));
    assertEquals(ErrorId.EAGER_GET, ((DiException) e.getCause()).id());
    com.google.inject.ProvisionException pool =
        assertThrows(
            com.google.inject.ProvisionException.class,
            () -> injector.getInstance(WorkerPool.class));
    assertEquals(ErrorId.EAGER_GET, ((DiException) pool.getCause()).id());
  }
}

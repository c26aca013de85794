package dev.workerdi.jdbc.reliability;

import dev.workerdi.testing.Secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.ProvisionException;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
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

  private static DiException unwrap(Throwable e) {
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    cause = cause instanceof ProvisionException p ? p.getCause() : cause;
    return (DiException) cause;
  }

  @Test
  void acquisitionTimesOutWithThePoolsState() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error = catalog.host.submit(0, () -> {
      WorkerPool pool = catalog.host.injector().getInstance(WorkerPool.class);
      try (Lease first = pool.lease(); Lease second = pool.lease()) {
        return assertThrows(DiException.class, pool::lease);
      }
    }).get();
    assertEquals(ErrorId.ACQUIRE_TIMEOUT, error.id());
    catalog.assertGolden("pool_acquisition_timeout", error);
    catalog.assertUnchanged(before);
  }

  @Test
  void aLeaseUsedFromAnotherCoroutineFails() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error = catalog.host.submit(0, () -> {
      Connection mine = catalog.host.injector().getInstance(Connection.class);
      try (var other = Executors.newVirtualThreadPerTaskExecutor()) {
        return unwrap(assertThrows(ExecutionException.class,
            () -> other.submit(() -> Sql.connectionId(mine)).get()));
      }
    }).get();
    assertEquals(ErrorId.NOT_OWNER, error.id());
    catalog.assertGolden("pool_lease_used_by_another_coroutine", error);
    catalog.assertUnchanged(before);
  }

  @Test
  void aConnectionUsedAfterItsLeaseReturnedFails() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error = catalog.host.submit(1, () -> {
      Connection connection = catalog.host.injector().getInstance(Connection.class);
      connection.close();
      return assertThrows(DiException.class, () -> connection.createStatement());
    }).get();
    assertEquals(ErrorId.LEASE_RELEASED, error.id());
    catalog.assertGolden("pool_connection_used_after_return", error);
    catalog.assertUnchanged(before);
  }

  @Test
  void aConnectionOutsideAnyWorkerFailsFast() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error = unwrap(assertThrows(ProvisionException.class,
        () -> catalog.host.injector().getInstance(Connection.class)));
    catalog.assertGolden("pool_connection_outside_worker", error);
    catalog.assertUnchanged(before);
  }

  @Test
  void aWorkerPoolOutsideAnyWorkerFailsFast() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error = unwrap(assertThrows(ProvisionException.class,
        () -> catalog.host.injector().getInstance(WorkerPool.class)));
    catalog.assertGolden("pool_worker_pool_outside_worker", error);
    catalog.assertUnchanged(before);
  }
}

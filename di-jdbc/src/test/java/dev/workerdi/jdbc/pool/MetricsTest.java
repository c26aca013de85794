package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** Pools and leases published to Micrometer. */
@RealDatabase
class MetricsTest {

  @Test
  void poolsAndLeasesArePublishedPerWorker(FreshDatabase db) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    WorkerHost host =
        WorkerHost.builder()
            .workers(2)
            .shutdownHook(false)
            .modules(JdbcModule.of(Hosts.settings(db, 2)).withMeterRegistry(registry))
            .build();
    host.start();
    for (int i = 0; i < 3; i++) {
      host.submit(0, () -> LeaseTest.connectionId(host.injector().getInstance(Connection.class)))
          .get();
    }
    assertEquals(
        3.0,
        registry
            .get("workerdi.leases.borrowed")
            .tag("pool", "db-worker-0")
            .functionCounter()
            .count());
    assertEquals(
        3.0,
        registry
            .get("workerdi.leases.returned")
            .tag("pool", "db-worker-0")
            .functionCounter()
            .count());
    assertNotNull(registry.get("hikaricp.connections").tag("pool", "db-worker-0").gauge());
    Hosts.stop(host);
  }

  @Test
  void aRegistryOfTheWrongKindIsRejected(FreshDatabase db) {
    DiException error =
        assertThrows(
            DiException.class,
            () -> JdbcModule.of(Hosts.settings(db, 2)).withMeterRegistry("registry"));
    assertEquals(ErrorId.BAD_SETTINGS, error.id());
  }
}

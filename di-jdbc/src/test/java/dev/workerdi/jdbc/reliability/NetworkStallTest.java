package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.ProvisionException;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.Secrets;
import dev.workerdi.testing.StallingProxy;
import dev.workerdi.testing.TestUser;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A network path that stalls: the pools reach the server through a {@link StallingProxy} that
 * forwards, then silently stops forwarding (nothing closed, nothing refused), then forwards again.
 * With the driver's {@code connectTimeout}/{@code socketTimeout} and HikariCP's {@code
 * connectionTimeout} set small, queries in flight fail with a socket timeout and borrowers with
 * DI-301 (the pool's state in the message) within those timeouts, nothing hangs, and the workers
 * recover by themselves when the path clears.
 */
@RealDatabase
@ExtendWith(Secrets.class)
class NetworkStallTest {
  private static final int CONNECTION_TIMEOUT_MS = 500;
  private static final int SOCKET_TIMEOUT_MS = 2_000;
  private static final int WORKERS = 2;

  @Test
  void queriesAndAcquisitionTimeOutCleanlyAndWorkersRecover(FreshDatabase db) throws Exception {
    String[] upstream = Hosts.address(db.jdbcUrl());
    try (TestUser user = TestUser.create(db.server(), db.name());
        StallingProxy proxy = new StallingProxy(upstream[0], Integer.parseInt(upstream[1]))) {
      WorkerHost host =
          Hosts.start(
              "stalled",
              Hosts.settings(
                  Hosts.throughPort(db.jdbcUrl(), proxy.port()),
                  user,
                  4,
                  "connectionTimeout",
                  CONNECTION_TIMEOUT_MS,
                  "validationTimeout",
                  250,
                  "dataSource.connectTimeout",
                  1_000,
                  "dataSource.socketTimeout",
                  SOCKET_TIMEOUT_MS),
              WORKERS);
      List<WorkerPool> pools = Hosts.pools(host);
      try {
        Load load =
            new Load(
                host,
                12,
                number ->
                    Sql.number(
                        host.injector().getInstance(Connection.class),
                        "SELECT SLEEP(0.02) + " + number));
        Hosts.await(20_000, () -> load.ok() >= 200);
        proxy.stall();
        long stalledAt = System.nanoTime();
        Thread.sleep(500);
        DiException acquisition = probe(host);
        Thread.sleep(3_500);
        long okDuringStall = load.ok();
        String duringStall = load.toString();
        proxy.clear();
        long clearedAt = System.nanoTime();
        boolean recovered = Hosts.await(30_000, () -> load.ok() >= okDuringStall + 200);
        long recoveryMillis = (System.nanoTime() - clearedAt) / 1_000_000;
        load.close();
        System.out.println(
            "STALL: stalled for "
                + (clearedAt - stalledAt) / 1_000_000
                + " ms; during the stall: "
                + duringStall
                + "; 200 more queries "
                + recoveryMillis
                + " ms after the path cleared; final "
                + load
                + "; probe during the stall:\n"
                + acquisition.getMessage());
        Secrets.assertHidden(acquisition);
        assertEquals(ErrorId.ACQUIRE_TIMEOUT, acquisition.id(), acquisition.getMessage());
        assertTrue(
            acquisition.getMessage().contains("state:      total="), acquisition.getMessage());
        assertTrue(recovered, "the workers recovered after the stall: " + load);
        assertTrue(load.failed() > 0, "the load noticed the stall");
        assertTrue(
            load.failures().keySet().stream().noneMatch(kind -> kind.startsWith("HANG")),
            load.toString());
        long bound = SOCKET_TIMEOUT_MS + CONNECTION_TIMEOUT_MS + 1_500;
        assertTrue(
            load.slowestFailureMillis() <= bound, "every failure within " + bound + " ms: " + load);
        Hosts.assertNothingBorrowed(pools);
      } finally {
        host.stop(Duration.ofSeconds(10));
      }
    }
  }

  /**
   * One more coroutine during the stall: it must fail with DI-301 within about connectionTimeout.
   */
  private static DiException probe(WorkerHost host) throws InterruptedException {
    long started = System.nanoTime();
    try {
      host.submit(0, () -> Sql.number(host.injector().getInstance(Connection.class), "SELECT 1"))
          .get();
      throw new AssertionError("a query went through a stalled network path");
    } catch (ExecutionException e) {
      long millis = (System.nanoTime() - started) / 1_000_000;
      Throwable cause = e.getCause() instanceof ProvisionException p ? p.getCause() : e.getCause();
      System.out.println("STALL probe failed after " + millis + " ms with " + Load.kind(e));
      assertTrue(millis <= CONNECTION_TIMEOUT_MS + 1_000, "the probe waited " + millis + " ms");
      if (cause instanceof DiException di) {
        return di;
      }
      throw new AssertionError("the probe failed without DI-301", cause);
    }
  }
}

package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.EmbeddedMariaDb;
import dev.workerdi.testing.Secrets;
import dev.workerdi.testing.TestUser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server stopped and started again under a write load, on an embedded MariaDB of its own (same
 * port, same data): while it is down every coroutine fails within the acquisition timeout, with
 * DI-301 or DI-308, none hangs; after the restart the workers recover by themselves, no lease is
 * left out, and every acknowledged write survived.
 */
@ExtendWith(Secrets.class)
class ServerRestartTest {
  private static final int WORKERS = 2;
  private static final int POOL = 4;
  private static final int CONNECTION_TIMEOUT_MS = 1_000;

  @Test
  void stoppedAndRestartedMidLoad() throws Exception {
    try (EmbeddedMariaDb server = EmbeddedMariaDb.start()) {
      server.createDatabase("restart");
      try (Connection admin =
          DriverManager.getConnection(
              server.jdbcUrl("restart"), server.user(), server.password())) {
        Sql.exec(admin, "CREATE TABLE writes (id BIGINT PRIMARY KEY) ENGINE=InnoDB");
      }
      try (TestUser user =
          TestUser.create(server.jdbcUrl(""), server.user(), server.password(), "restart")) {
        WorkerHost host =
            Hosts.start(
                "restarted",
                Hosts.settings(
                    server.jdbcUrl("restart"),
                    user,
                    POOL,
                    "connectionTimeout",
                    CONNECTION_TIMEOUT_MS,
                    "validationTimeout",
                    500,
                    "dataSource.connectTimeout",
                    1_000,
                    "dataSource.socketTimeout",
                    5_000),
                WORKERS);
        List<WorkerPool> pools = Hosts.pools(host);
        try {
          Load load =
              new Load(
                  host,
                  2 * WORKERS * POOL,
                  number -> {
                    Connection c = host.injector().getInstance(Connection.class);
                    try (PreparedStatement insert =
                        c.prepareStatement(
                            "INSERT INTO writes SELECT ? FROM DUAL WHERE SLEEP(0.01) = 0")) {
                      insert.setLong(1, number);
                      insert.executeUpdate();
                    }
                  });
          Hosts.await(20_000, () -> load.ok() >= 200);
          long okBefore = load.ok();
          long stopping = System.nanoTime();
          server.stop();
          long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
          Thread.sleep(2_000);
          long failedWhileDown = load.failed();
          long slowestWhileDown = load.slowestFailureMillis();
          long restarting = System.nanoTime();
          server.restart();
          long restartMillis = (System.nanoTime() - restarting) / 1_000_000;
          long okAtRestart = load.ok();
          boolean recovered = Hosts.await(30_000, () -> load.ok() >= okAtRestart + 200);
          long recoveryMillis = (System.nanoTime() - restarting) / 1_000_000 - restartMillis;
          load.close();
          Set<Long> stored = new HashSet<>();
          try (Connection admin =
              DriverManager.getConnection(
                  server.jdbcUrl("restart"), server.user(), server.password())) {
            stored.addAll(Sql.numbers(admin, "SELECT id FROM writes"));
          }
          Set<Long> lost = new HashSet<>(load.acknowledged());
          lost.removeAll(stored);
          System.out.println(
              "RESTART: "
                  + okBefore
                  + " writes before the stop ("
                  + stopMillis
                  + " ms to stop); while down "
                  + failedWhileDown
                  + " coroutines failed, the slowest after "
                  + slowestWhileDown
                  + " ms; restart took "
                  + restartMillis
                  + " ms, 200 more writes "
                  + recoveryMillis
                  + " ms after it; load "
                  + load
                  + "; acknowledged "
                  + load.acknowledged().size()
                  + ", stored "
                  + stored.size()
                  + ", lost "
                  + lost.size());
          assertTrue(recovered, "the workers recovered after the restart: " + load);
          assertTrue(failedWhileDown > 0, "the load noticed the server was down");
          assertTrue(
              load.failures().keySet().stream().noneMatch(kind -> kind.startsWith("HANG")),
              load.toString());
          assertTrue(
              load.slowestFailureMillis() <= CONNECTION_TIMEOUT_MS + 5_000 + 1_000,
              "failures come within the timeouts: " + load);
          assertEquals(Set.of(), lost, "acknowledged writes are missing after the restart");
          Hosts.assertNothingBorrowed(pools);
        } finally {
          host.stop(Duration.ofSeconds(10));
        }
      }
    }
  }
}

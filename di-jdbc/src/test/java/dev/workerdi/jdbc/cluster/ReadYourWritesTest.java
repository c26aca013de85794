package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraTestCluster;
import java.sql.Connection;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code workerdi.wsrepSyncWait=1}: a row written through one node is seen by the next read through
 * another node, every time, and the setting survives a lease's full reset. Without it, some reads
 * miss (printed, not asserted: Galera only promises eventual application on the other nodes).
 */
@ExtendWith(GaleraTestCluster.class)
class ReadYourWritesTest {
  private static final int ROUNDS = 1_000;

  @Test
  void withSyncWaitEveryReadOnAnotherNodeSeesTheWrite(GaleraCluster cluster) throws Exception {
    String db = cluster.createDatabase("ryw");
    try (Connection c = cluster.node(1).connect(db)) {
      Sql.exec(c, "CREATE TABLE t (id INT PRIMARY KEY)");
    }
    long[] without = misses(cluster, db, 0, 0);
    long[] with = misses(cluster, db, 1, ROUNDS);
    System.out.printf(
        "read-your-writes across nodes: %d of %d reads missed the row without wsrep_sync_wait, %d with "
            + "wsrep_sync_wait=1; a read on the other node took %.0f µs without, %.0f µs with (medians)%n",
        without[0], ROUNDS, with[0], without[1] / 1e3, with[1] / 1e3);
    assertEquals(0, with[0], "reads on another node missed the row despite wsrepSyncWait=1");
  }

  @Test
  void theSettingSurvivesTheResetOfADirtyLease(GaleraCluster cluster) throws Exception {
    String db = cluster.createDatabase("rywreset");
    WorkerHost host =
        Hosts.start(
            "rywreset", ClusterHosts.settings(cluster, db, 1, "workerdi.wsrepSyncWait", 1), 1);
    try {
      for (int i = 0; i < 3; i++) {
        long seen =
            host.submit(
                    () -> {
                      Connection c = host.injector().getInstance(Connection.class);
                      long value = Sql.scalar(c, "SELECT @@session.wsrep_sync_wait");
                      Sql.exec(
                          c, "SET @dirty = 1, SESSION wsrep_sync_wait = 0"); // forces a full reset
                      return value;
                    })
                .get();
        assertEquals(1, seen, "lease " + i);
      }
    } finally {
      ClusterHosts.stop(host);
    }
  }

  /**
   * Writes through worker 0 (node 1), reads at once through worker 1 (node 2); returns the misses
   * and the median read time in nanoseconds.
   */
  private static long[] misses(GaleraCluster cluster, String db, int syncWait, int offset)
      throws Exception {
    WorkerHost host =
        Hosts.start(
            "ryw" + syncWait,
            ClusterHosts.settings(cluster, db, 2, "workerdi.wsrepSyncWait", syncWait),
            2);
    long misses = 0;
    long[] reads = new long[ROUNDS];
    try {
      for (int i = 1; i <= ROUNDS; i++) {
        int id = offset + i;
        host.submit(
                0,
                () -> {
                  Sql.exec(
                      host.injector().getInstance(Connection.class),
                      "INSERT INTO t VALUES (" + id + ")");
                  return null;
                })
            .get();
        long[] found =
            host.submit(
                    1,
                    () -> {
                      Connection c = host.injector().getInstance(Connection.class);
                      long started = System.nanoTime();
                      long count = Sql.scalar(c, "SELECT COUNT(*) FROM t WHERE id = " + id);
                      return new long[] {count, System.nanoTime() - started};
                    })
                .get();
        misses += found[0] == 0 ? 1 : 0;
        reads[i - 1] = found[1];
      }
    } finally {
      ClusterHosts.stop(host);
    }
    Arrays.sort(reads);
    return new long[] {misses, reads[ROUNDS / 2]};
  }
}

package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.ConnectionBudget;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraNode;
import dev.workerdi.testing.GaleraTestCluster;
import dev.workerdi.testing.Golden;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The boot-time budget on every node the URL names, and what other running instances of the same
 * application hold there (read from the connection attributes in performance_schema).
 */
@ExtendWith(GaleraTestCluster.class)
class ClusterBudgetTest {
  private GaleraCluster cluster;

  @AfterEach
  void restoreLimits() throws Exception {
    for (GaleraNode node : cluster.nodes()) {
      try (Connection c = node.connect("")) {
        Sql.exec(c, "SET GLOBAL max_connections = 200");
      }
    }
  }

  private void limits(int... max) throws Exception {
    for (int i = 0; i < max.length; i++) {
      try (Connection c = cluster.node(i + 1).connect("")) {
        Sql.exec(c, "SET GLOBAL max_connections = " + max[i]);
      }
    }
  }

  private String normalize(String message) {
    String text = message;
    for (GaleraNode node : cluster.nodes()) {
      text = text.replace(node.address(), "<node" + node.index() + ">");
    }
    return text;
  }

  @Test
  void theBudgetIsCheckedOnEveryNodeTheUrlNames(GaleraCluster cluster) throws Exception {
    this.cluster = cluster;
    String db = cluster.createDatabase("budget");
    limits(100, 30, 40);
    JdbcSettings settings = ClusterHosts.settings(cluster, db, 10, "workerdi.application", "nodes");
    DiException over = assertThrows(DiException.class, () -> ConnectionBudget.check(settings, 5));
    assertEquals(ErrorId.BUDGET_EXCEEDED, over.id());
    Golden.assertMatches("jdbc/cluster_budget_exceeded", normalize(over.getMessage()));

    List<ConnectionBudget.Report> fits =
        ConnectionBudget.checkAll(settings.with("maximumPoolSize", 5), 5);
    assertEquals(
        List.of(100, 30, 40), fits.stream().map(ConnectionBudget.Report::maxConnections).toList());
    assertEquals(
        List.of(cluster.node(1).address(), cluster.node(2).address(), cluster.node(3).address()),
        fits.stream().map(ConnectionBudget.Report::node).toList());
    assertEquals(
        cluster.node(2).address(),
        ConnectionBudget.check(settings.with("maximumPoolSize", 5), 5).node());
  }

  @Test
  void anotherRunningInstanceOfTheApplicationIsCountedOnEachNode(GaleraCluster cluster)
      throws Exception {
    this.cluster = cluster;
    String db = cluster.createDatabase("instances");
    WorkerHost first =
        Hosts.start(
            "first",
            ClusterHosts.settings(
                cluster, db, 3, "workerdi.application", "shop", "workerdi.warmUp", true),
            2);
    try {
      List<WorkerPool> pools = Hosts.pools(first);
      JdbcSettings second = ClusterHosts.settings(cluster, db, 4, "workerdi.application", "shop");
      List<ConnectionBudget.Report> reports = ConnectionBudget.checkAll(second, 2);
      for (int node = 0; node < 3; node++) {
        ConnectionBudget.Report report = reports.get(node);
        int open = node < 2 ? pools.get(node).state().total() : 0;
        assertEquals(open, report.othersHold(), report.arithmetic());
        assertEquals(node < 2 ? 3 + 1 : 0, report.othersMayOpen(), report.arithmetic());
        assertEquals(2 * 4 + 1 + (node < 2 ? 3 + 1 : 0), report.needed(), report.arithmetic());
      }
      JdbcSettings otherApplication = second.with("workerdi.application", "reports");
      assertEquals(0, ConnectionBudget.checkAll(otherApplication, 2).get(0).othersMayOpen());

      limits(2 * 4 + 2, 200, 200);
      DiException over = assertThrows(DiException.class, () -> ConnectionBudget.check(second, 2));
      Golden.assertMatches(
          "jdbc/cluster_budget_other_instance",
          normalize(over.getMessage())
              .replace("(" + pools.get(0).state().total() + " open now", "(OPEN open now"));
    } finally {
      ClusterHosts.stop(first);
    }
  }
}

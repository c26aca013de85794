package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Messages;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraNode;
import dev.workerdi.testing.GaleraTestCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kill -9} of the node serving worker 1's pool while 240 coroutines call a retryable
 * {@code @Transactional} method ({@link Writer}, half through {@code Provider<Connection>}, half
 * through the lease DataSource): an attempt that lost its node before its commit runs again on a
 * fresh connection from the pool (a surviving node), so the call succeeds; one that lost it during
 * COMMIT is not retried and fails with {@code DI-341} saying so. Every acknowledged write is on
 * both survivors exactly once (the table has no unique key on the written id, so a double apply
 * would show), an ambiguous one at most once; retries are counted; no lease is left out.
 */
@ExtendWith(GaleraTestCluster.class)
class NodeLossRetryTest {
  private static final int COROUTINES = 240;
  private static final int WRITES = 20;

  @Test
  void aRetryableMethodRunsAgainOnAFreshLeaseAfterItsNodeDies(GaleraCluster cluster)
      throws Exception {
    String db = cluster.createDatabase("lossretry");
    try (Connection c = cluster.node(1).connect(db)) {
      Sql.exec(
          c,
          "CREATE TABLE w (seq BIGINT AUTO_INCREMENT PRIMARY KEY, id BIGINT NOT NULL, worker INT,"
              + " port INT, KEY (id))");
    }
    GaleraNode victim = cluster.node(2);
    WorkerHost host = Hosts.start("lossretry", ClusterHosts.settings(cluster, db, 8), 3);
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    Set<Long> ambiguous = ConcurrentHashMap.newKeySet();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    Map<Integer, Set<Integer>> ports = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    long runsBefore = Writer.RUNS.sum();
    try {
      List<CompletableFuture<Void>> running = new ArrayList<>();
      for (int i = 0; i < COROUTINES; i++) {
        int coroutine = i;
        int worker = i % 3;
        running.add(
            host.submit(
                worker,
                () -> {
                  Writer writer = host.injector().getInstance(Writer.class);
                  for (int k = 0; k < WRITES; k++) {
                    long id = coroutine * 1_000L + k;
                    try {
                      int port = writer.write(id, worker, coroutine % 2 == 0);
                      ports.computeIfAbsent(worker, w -> ConcurrentHashMap.newKeySet()).add(port);
                      acked.add(id);
                      done.incrementAndGet();
                    } catch (DiException e) {
                      if (e.id() != ErrorId.NODE_LOST
                          || !e.getMessage().contains("lost its connection during COMMIT")) {
                        unexpected.add(e);
                        return null;
                      }
                      ambiguous.add(id);
                    } catch (Exception e) {
                      unexpected.add(e);
                      return null;
                    }
                  }
                  return null;
                }));
      }
      while (done.get() < COROUTINES * WRITES / 5) {
        Thread.sleep(5);
      }
      victim.kill();
      for (CompletableFuture<Void> future : running) {
        future.get();
      }
      List<String> seen = new ArrayList<>();
      for (Throwable t : unexpected) {
        seen.add(t + " / " + Messages.unwrap(t).getMessage());
      }
      assertEquals(List.of(), seen, "calls that failed otherwise than an ambiguous commit");
      assertEquals(COROUTINES * WRITES, acked.size() + ambiguous.size(), "calls unaccounted for");
      long runs = Writer.RUNS.sum() - runsBefore;
      long retries = runs - acked.size() - ambiguous.size();
      System.out.printf(
          "node loss under a retryable @Transactional: %d calls acknowledged, %d retried after the"
              + " node loss (of %d runs), %d not retried (lost during COMMIT); worker 1 wrote"
              + " through ports %s%n",
          acked.size(), retries, runs, ambiguous.size(), ports.get(1));
      assertTrue(retries > 0, "no attempt lost its node: nothing was retried");
      assertTrue(
          ports.getOrDefault(1, Set.of()).contains(cluster.node(3).port()),
          "worker 1's retries did not move to node 3");
      for (GaleraNode survivor : List.of(cluster.node(1), cluster.node(3))) {
        survivor.awaitSynced(2, Duration.ofSeconds(60));
        Map<Long, Integer> rows = rows(survivor, db);
        for (long id : acked) {
          assertEquals(1, rows.getOrDefault(id, 0), survivor + ": row " + id);
        }
        for (long id : ambiguous) {
          assertTrue(rows.getOrDefault(id, 0) <= 1, survivor + ": row " + id + " applied twice");
        }
        assertEquals(acked.size() + ambiguous.size(), rows.size() + missing(rows, ambiguous));
        assertEquals(
            List.of(),
            ClusterHosts.running(survivor, db),
            "statements left running on " + survivor);
      }
      for (WorkerPool pool : Hosts.pools(host)) {
        assertEquals(pool.stats().borrowed(), pool.stats().returned(), pool.name() + ": out");
        assertEquals(0, pool.state().active(), pool.name() + ": connections active");
      }
    } finally {
      victim.start();
      cluster.awaitAllSynced();
      ClusterHosts.stop(host);
    }
  }

  private static long missing(Map<Long, Integer> rows, Set<Long> ambiguous) {
    return ambiguous.stream().filter(id -> !rows.containsKey(id)).count();
  }

  /** How many rows each written id has on {@code node}. */
  private static Map<Long, Integer> rows(GaleraNode node, String db) throws Exception {
    Map<Long, Integer> rows = new HashMap<>();
    try (Connection c = node.connect(db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id, COUNT(*) FROM w GROUP BY id")) {
      while (r.next()) {
        rows.put(r.getLong(1), r.getInt(2));
      }
    }
    return rows;
  }
}

package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import dev.workerdi.core.BindingInfo;
import dev.workerdi.core.Di;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.FrameInitialize;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.Golden;
import dev.workerdi.testing.Secrets;
import dev.workerdi.testing.TestUser;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.function.Executable;

/**
 * The fixture of the bad-input catalog: a running host ({@value #HOST}, 2 workers, fixed pools of
 * 2, 1 s acquisition timeout) logged in as a {@link TestUser}, a table {@code items} of 100 rows, a
 * {@link Snapshot} of everything a misuse must leave as it was, and the golden-file check with the
 * run-specific parts of messages (database, user, port, thread and lease numbers, timings)
 * replaced.
 */
final class Catalog implements AutoCloseable {
  static final String HOST = "catalog";

  /** A database the test user may use but that does not exist. */
  static final String MISSING_DATABASE = "rel_missing_database";

  /**
   * What a misuse must not change: the container's bindings, the pools (connections open, lent,
   * idle, waiting; leases out; reclaims) and the data. Evictions are not in it: a misuse whose
   * coroutine is cancelled mid-query loses that connection (the interrupt closes its socket), and
   * the pool replaces it; the tests that cause one say so.
   */
  record Snapshot(List<String> bindings, List<String> pools, String data) {}

  /** A container binding for the snapshot to watch. */
  public static final class Recipes extends AbstractModule {
    @FrameInitialize
    void recipes(Di di) {
      di.set("COUNTER", AtomicLong.class, 42L);
    }
  }

  final FreshDatabase db;
  final TestUser user;
  final WorkerHost host;
  final List<WorkerPool> pools;

  private Catalog(FreshDatabase db, TestUser user, WorkerHost host, List<WorkerPool> pools) {
    this.db = db;
    this.user = user;
    this.host = host;
    this.pools = pools;
  }

  /**
   * Settings for another host on the catalog's database and user, pools of 2, with {@code extra}.
   */
  JdbcSettings settings(Object... extra) {
    return Hosts.settings(db.jdbcUrl(), user, 2, extra);
  }

  /**
   * Runs {@code call} in a coroutine of worker {@code worker} of the catalog's host, asserts that
   * it throws a {@code type}, and returns that.
   */
  <T extends Throwable> T thrownInWorker(int worker, Class<T> type, Executable call)
      throws Exception {
    return inWorker(worker, () -> assertThrows(type, call));
  }

  /** Runs {@code task} in a coroutine of worker {@code worker} of the catalog's host. */
  <T> T inWorker(int worker, Callable<T> task) throws Exception {
    return host.submit(worker, task).get();
  }

  static Catalog open(FreshDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      Sql.exec(
          c,
          "CREATE TABLE IF NOT EXISTS items (id INT PRIMARY KEY, name VARCHAR(20)) ENGINE=InnoDB",
          "INSERT IGNORE INTO items WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
              + "SELECT i, CONCAT('item ', i) FROM n");
    }
    TestUser user = TestUser.create(db.server(), db.name(), MISSING_DATABASE);
    WorkerHost host =
        WorkerHost.builder()
            .name(HOST)
            .workers(2)
            .shutdownHook(false)
            .modules(
                JdbcModule.of(Hosts.settings(db.jdbcUrl(), user, 2, "connectionTimeout", 1_000)),
                new Recipes())
            .build();
    host.start();
    List<WorkerPool> pools = Hosts.pools(host);
    for (int w = 0; w < 2; w++) {
      host.submit(w, () -> Sql.number(host.injector().getInstance(Connection.class), "SELECT 1"))
          .get();
    }
    Hosts.await(5_000, () -> pools.stream().allMatch(p -> p.state().total() == 2));
    Catalog catalog = new Catalog(db, user, host, pools);
    System.out.println("CATALOG fixture: " + catalog.snapshot());
    return catalog;
  }

  Snapshot snapshot() throws Exception {
    List<String> bindings = new ArrayList<>();
    for (BindingInfo binding : host.di().bindings()) {
      bindings.add(binding.key() + " = " + binding.description());
    }
    List<String> states = new ArrayList<>();
    for (WorkerPool pool : pools) {
      states.add(
          pool.name()
              + " "
              + pool.state()
              + ", out="
              + (pool.stats().borrowed() - pool.stats().returned())
              + ", reclaimed="
              + pool.stats().reclaimed());
    }
    try (Connection c = db.connect()) {
      return new Snapshot(
          bindings,
          states,
          "rows="
              + Sql.number(c, "SELECT COUNT(*) FROM items")
              + ", checksum="
              + Sql.number(c, "SELECT BIT_XOR(CRC32(CONCAT(id, name))) FROM items"));
    }
  }

  /**
   * Waits for the pools to settle (a returning lease is cleaned on its coroutine's way out), then
   * compares.
   */
  void assertUnchanged(Snapshot before) throws Exception {
    Hosts.await(
        2_000,
        () -> {
          try {
            return before.equals(snapshot());
          } catch (Exception e) {
            return false;
          }
        });
    assertEquals(before, snapshot(), "the misuse changed the container, the pools or the data");
  }

  /**
   * The message, normalised (and with each {@code replace[i]} replaced by {@code replace[i + 1]}),
   * equals {@code golden/reliability/NAME.txt}; the password shows nowhere in it.
   */
  void assertGolden(String name, Throwable error, String... replace) {
    Secrets.assertHidden(error);
    String text = normalize(error.getMessage());
    for (int i = 0; i < replace.length; i += 2) {
      text = text.replace(replace[i], replace[i + 1]);
    }
    Golden.assertMatches("reliability/" + name, text);
  }

  String normalize(String message) {
    String[] address = Hosts.address(db.jdbcUrl());
    return message
        .replace(db.name(), "<db>")
        .replace(user.name(), "<user>")
        .replace(address[0] + ":" + address[1], "<host>:<port>")
        .replaceAll(HOST + "-(\\d)-task-\\d+", HOST + "-$1-task-N")
        .replaceAll("'" + HOST + "-(\\d)#\\d+'", "'" + HOST + "-$1#N'")
        .replaceAll("(db-" + HOST + "-\\d)#\\d+", "$1#N")
        .replaceAll("within \\d+ ms", "within N ms")
        .replaceAll("after \\d+ms", "after Nms")
        .replaceAll("\\d+ milliseconds ago", "N milliseconds ago");
  }

  @Override
  public void close() {
    host.stop(Duration.ofSeconds(10));
    user.close();
  }
}

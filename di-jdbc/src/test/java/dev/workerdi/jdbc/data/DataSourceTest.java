package dev.workerdi.jdbc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Provides;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.jdbc.FanOut;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Messages;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lease-backed DataSource under Jdbi and jOOQ on a real server: 1,000 coroutines on one
 * worker's pool of 4, each running every statement on its own lease, leaving nothing to the next.
 */
@RealDatabase
class DataSourceTest {
  private static FreshDatabase db;
  private static WorkerHost host;
  private static String pristine;
  private static final String LEFT =
      "SELECT CONCAT(COALESCE(@probe, '-'), ' ', @@session.time_zone, ' ',"
          + " @@session.autocommit)";

  /**
   * Jdbi and jOOQ as an application binds them: one per worker, each asking the DataSource per use.
   */
  static final class DataStack extends AbstractModule {
    @Provides
    @WorkerScoped
    Jdbi jdbi(DataSource dataSource) {
      return Jdbi.create(dataSource);
    }

    @Provides
    @WorkerScoped
    DSLContext jooq(DataSource dataSource) {
      return DSL.using(dataSource, SQLDialect.MARIADB);
    }
  }

  @BeforeAll
  static void start(FreshDatabase database) throws Exception {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    db = database;
    try (Connection c = db.connect()) {
      Sql.exec(c, "CREATE TABLE items (id INT PRIMARY KEY, coroutine INT)");
      pristine = Sql.text(c, LEFT);
    }
    host =
        Hosts.start("data", Hosts.settings(db, 4, "connectionTimeout", 60_000), 1, new DataStack());
  }

  @AfterAll
  static void stop() throws Exception {
    Hosts.stop(host, db);
  }

  /**
   * What one coroutine saw: its connection ids (one per statement) and what its predecessor left.
   */
  private record Seen(Set<Long> ids, String leftBefore) {}

  private static Seen oneRequest(Injector injector, int n) throws SQLException {
    Jdbi jdbi = injector.getInstance(Jdbi.class);
    DSLContext jooq = injector.getInstance(DSLContext.class);
    Set<Long> ids = new HashSet<>();
    String left = jdbi.withHandle(h -> h.createQuery(LEFT).mapTo(String.class).one());
    ids.add(jdbi.withHandle(h -> h.createQuery("SELECT CONNECTION_ID()").mapTo(Long.class).one()));
    ids.add(((Number) jooq.fetchValue("SELECT CONNECTION_ID()")).longValue());
    jooq.execute("SET @probe = " + n);
    jdbi.useHandle(h -> h.execute("SET SESSION time_zone = '+05:00'"));
    jooq.execute("CREATE TEMPORARY TABLE scratch (x INT)");
    jdbi.useHandle(h -> h.execute("INSERT INTO scratch VALUES (?)", n));
    ids.add(((Number) jooq.fetchValue("SELECT CONNECTION_ID() FROM scratch")).longValue());
    jdbi.useHandle(h -> h.execute("INSERT INTO items VALUES (?, ?)", n, n));
    ids.add(
        ((Number) jooq.fetchValue("SELECT CONNECTION_ID() FROM items WHERE id = " + n))
            .longValue());
    ids.add(Sql.scalar(injector.getInstance(Connection.class), "SELECT CONNECTION_ID()"));
    return new Seen(ids, left);
  }

  @Test
  void aThousandCoroutinesEachRunEveryJdbiAndJooqStatementOnItsOwnLease() throws Exception {
    List<CompletableFuture<Seen>> requests = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      int n = i;
      requests.add(host.submit(0, () -> oneRequest(host.injector(), n)));
    }
    Set<Long> all = new HashSet<>();
    for (CompletableFuture<Seen> request : requests) {
      Seen seen = request.get();
      assertEquals(1, seen.ids().size(), "one coroutine, one physical connection: " + seen.ids());
      assertEquals(pristine, seen.leftBefore(), "what the previous lease left");
      all.addAll(seen.ids());
    }
    assertTrue(all.size() <= 4, "a pool of 4 served them all: " + all);
    try (Connection c = db.connect()) {
      assertEquals(1_000, Sql.scalar(c, "SELECT COUNT(*) FROM items WHERE id = coroutine"));
    }
    Hosts.assertNothingBorrowed(host);
    Hosts.assertNoStatementRunning(db);
  }

  @Test
  void insideAFanOutTaskTheDataSourceIsTheTasksOwnLease() throws Exception {
    List<Boolean> same =
        host.submit(
                0,
                () -> {
                  Jdbi jdbi = host.injector().getInstance(Jdbi.class);
                  List<FanOut.Task<Boolean>> tasks = new ArrayList<>();
                  for (int i = 0; i < 16; i++) {
                    tasks.add(
                        connection ->
                            Sql.scalar(connection, "SELECT CONNECTION_ID()")
                                == jdbi.withHandle(
                                    h ->
                                        h.createQuery("SELECT CONNECTION_ID()")
                                            .mapTo(Long.class)
                                            .one()));
                  }
                  return host.injector()
                      .getInstance(FanOut.class)
                      .run(tasks, Duration.ofSeconds(60));
                })
            .get();
    assertEquals(
        Collections.nCopies(16, true),
        same,
        "each task's Jdbi handle ran on the task's connection");
    Hosts.assertNothingBorrowed(host);
  }

  @Test
  void closingAConnectionEndsTheViewOnlyAndUndoesWhatItChanged() throws Exception {
    host.submit(
            0,
            () -> {
              DataSource dataSource = host.injector().getInstance(DataSource.class);
              Lease lease = host.injector().getInstance(Lease.class);
              Connection first = dataSource.getConnection();
              long id = Sql.scalar(first, "SELECT CONNECTION_ID()");
              first.close();
              assertTrue(first.isClosed());
              assertFalse(
                  lease.isReleased(), "closing a view does not return the coroutine's lease");
              Connection second = dataSource.getConnection();
              assertNotSame(first, second);
              assertEquals(id, Sql.scalar(second, "SELECT CONNECTION_ID()"));
              DiException error = assertThrows(DiException.class, first::createStatement);
              assertEquals(ErrorId.CONNECTION_VIEW_CLOSED, error.id());
              Messages.assertGolden("data", "view_used_after_close", error, db);

              Connection third = dataSource.getConnection();
              third.setAutoCommit(false);
              third.setReadOnly(false);
              third.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
              Sql.exec(third, "INSERT INTO items VALUES (-1, -1)");
              third.close();
              assertTrue(lease.connection().getAutoCommit(), "autocommit restored");
              assertEquals(
                  Connection.TRANSACTION_REPEATABLE_READ,
                  second.getTransactionIsolation(),
                  "isolation restored");
              assertEquals(
                  0,
                  Sql.scalar(second, "SELECT COUNT(*) FROM items WHERE id = -1"),
                  "left uncommitted: rolled back");
              second.close();
              return null;
            })
        .get();
    Hosts.assertNothingBorrowed(host);
  }

  @Test
  void getConnectionOutsideAnyCoroutineFailsFast() throws Exception {
    DataSource held = host.submit(0, () -> host.injector().getInstance(DataSource.class)).get();
    DiException error = assertThrows(DiException.class, held::getConnection);
    assertEquals(ErrorId.DATASOURCE_OUTSIDE_COROUTINE, error.id());
    Messages.assertGolden("data", "datasource_get_connection_outside_coroutine", error, db);

    DiException resolved =
        Messages.unwrap(
            assertThrows(
                RuntimeException.class, () -> host.injector().getInstance(DataSource.class)));
    assertEquals(ErrorId.EAGER_GET, resolved.id());
    Messages.assertGolden("data", "datasource_resolved_outside_worker", resolved, db);

    SQLException otherUser =
        assertThrows(SQLException.class, () -> held.getConnection("root", "s3cret"));
    assertEquals(ErrorId.DATASOURCE_UNSUPPORTED, Messages.unwrap(otherUser).id());
    Messages.assertGolden("data", "datasource_other_user", otherUser.getCause(), db);
    Hosts.assertNothingBorrowed(host);
  }
}

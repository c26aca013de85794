package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.FanOut;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.Secrets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input, fan-out: outside a worker, past its deadline, a failing task, missing arguments. Each
 * fails with one error pinned by {@code golden/reliability/fanout_*.txt} and leaves the container,
 * the pools and the data as they were.
 */
@RealDatabase
@ExtendWith(Secrets.class)
class FanOutMisuseTest {
  private static Catalog catalog;

  @BeforeAll
  static void open(FreshDatabase db) throws Exception {
    catalog = Catalog.open(db);
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  private static FanOut fanOut() {
    return catalog.host.injector().getInstance(FanOut.class);
  }

  private static FanOut.Task<Long> query(String sql) {
    return c -> Sql.number(c, sql);
  }

  @Test
  void outsideAWorker() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error =
        assertThrows(
            DiException.class,
            () -> fanOut().run(List.of(query("SELECT 1")), Duration.ofSeconds(5)));
    assertEquals(ErrorId.NOT_IN_WORKER, error.id());
    catalog.assertGolden("fanout_outside_worker", error);
    catalog.assertUnchanged(before);
  }

  @Test
  void pastItsDeadline() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error =
        catalog.thrownInWorker(
            0,
            DiException.class,
            () ->
                fanOut()
                    .run(
                        List.of(
                            query("SELECT SLEEP(3)"),
                            query("SELECT SLEEP(3)"),
                            query("SELECT SLEEP(3)")),
                        Duration.ofMillis(300)));
    assertEquals(ErrorId.FANOUT_DEADLINE, error.id());
    catalog.assertGolden("fanout_deadline", error);
    catalog.assertUnchanged(before);
  }

  @Test
  void aTaskFails() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error =
        catalog.thrownInWorker(
            1,
            DiException.class,
            () ->
                fanOut()
                    .run(
                        List.of(
                            query("SELECT 1"),
                            query("SELECT COUNT(*) FROM no_such_table"),
                            query("SELECT 2")),
                        Duration.ofSeconds(5)));
    assertEquals(ErrorId.FANOUT_FAILED, error.id());
    catalog.assertGolden("fanout_task_failed", error);
    catalog.assertUnchanged(before);
  }

  /**
   * A negative deadline is accepted: the tasks start and are cancelled at once (with a task faster
   * than the thread start-up, the fan-out may even succeed), instead of a DI-307-style refusal.
   */
  @Test
  void aNegativeDeadline() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error =
        catalog.thrownInWorker(
            1,
            DiException.class,
            () -> fanOut().run(List.of(query("SELECT SLEEP(0.5)")), Duration.ofMillis(-1)));
    catalog.assertGolden("fanout_negative_deadline", error);
    catalog.assertUnchanged(before);
  }

  @Test
  void noTasks() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    Throwable error =
        catalog.thrownInWorker(
            1, RuntimeException.class, () -> fanOut().run(null, Duration.ofSeconds(5)));
    catalog.assertGolden("fanout_null_tasks", error);
    catalog.assertUnchanged(before);
  }

  /**
   * {@code run(tasks, null)} starts every task and only then fails, with a bare
   * NullPointerException from {@code deadline.toNanos()}: the tasks run on, unobserved (here one
   * inserts a row), and their failures are swallowed.
   */
  @Test
  void noDeadline() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    Throwable error =
        catalog.thrownInWorker(
            1,
            RuntimeException.class,
            () ->
                fanOut()
                    .run(
                        List.of(
                            c -> Sql.number(c, "SELECT 1"),
                            c -> {
                              Sql.exec(c, "INSERT INTO items VALUES (1000, 'no deadline')");
                              return 0L;
                            }),
                        null));
    Thread.sleep(1_000); // the tasks, if they were started, have run by now
    catalog.assertGolden("fanout_null_deadline", error);
    catalog.assertUnchanged(before);
  }
}

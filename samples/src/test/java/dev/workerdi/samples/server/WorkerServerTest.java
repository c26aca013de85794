package dev.workerdi.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.samples.SampleDatabase;
import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Jetty worker server under 2,000 concurrent clients on a real database, its graceful stop, and
 * its misuse path.
 */
@RealDatabase
class WorkerServerTest {
  static final int CLIENTS = 2_000;

  static SampleDatabase database(DatabaseServer server) {
    return SampleDatabase.remote(server.jdbcUrl(""), server.user(), server.password());
  }

  @Test
  void twoThousandConcurrentClientsAreAllAnsweredCorrectlyWithinTheConnectionBudget(
      DatabaseServer server) throws Exception {
    String name = server.createDatabase("server");
    WorkerServer running =
        WorkerServer.start(database(server), WorkerServer.Config.of(name, 2, false));
    LoadCheck.Result result;
    List<WorkerPool> pools;
    int highest;
    try (ConnectionSampler sampler =
        new ConnectionSampler(server.jdbcUrl(""), server.user(), server.password(), name)) {
      result = LoadCheck.run(running.port(), CLIENTS);
      pools = pools(running);
      sampler.close();
      highest = sampler.highest();
      assertTrue(sampler.samples() > 0, "PROCESSLIST was sampled");
    } finally {
      running.close();
    }
    System.out.printf(
        "%,d clients x 5 requests: %,d correct in %,d ms, by worker %s; %,d transfers done, %,d"
            + " refused; accounts %s; server connections peaked at %d (budget %d)%n",
        CLIENTS,
        result.ok(),
        result.elapsedMs(),
        result.workers(),
        result.transfers(),
        result.refused(),
        result.accounts(),
        highest,
        running.connectionBudget());
    assertEquals(CLIENTS, result.ok(), "correct clients; first failure: " + result.firstFailure());
    assertEquals(
        CLIENTS, result.transfers() + result.refused(), "every transfer answered 200 or 409");
    assertTrue(
        result.transfers() > CLIENTS / 2, "most transfers went through: " + result.transfers());
    assertTrue(result.balanced(), "the accounts balance after the load: " + result.accounts());
    assertEquals(2, result.workers().size(), "both workers served requests: " + result.workers());
    assertTrue(
        highest > 0 && highest <= running.connectionBudget(),
        "server connections on "
            + name
            + " peaked at "
            + highest
            + ", budget "
            + running.connectionBudget());
    long borrowed = 0;
    for (WorkerPool pool : pools) {
      assertTrue(
          pool.stats().borrowed() >= CLIENTS,
          pool.name() + " lent a lease per request: " + pool.stats());
      assertEquals(
          pool.stats().borrowed(), pool.stats().returned(), pool.name() + ": every lease returned");
      borrowed += pool.stats().borrowed();
    }
    assertTrue(
        borrowed >= 5L * CLIENTS,
        "a lease for each of the 5 requests of every client: " + borrowed);
    assertEquals(
        0, connectionsLeft(server, name), "connections left on " + name + " after the stop");
    assertEquals(
        List.of(Accounts.total(), (long) Accounts.COUNT, 0L),
        accountsOnTheServer(server, name),
        "sum of the balances, accounts, accounts below zero: read directly after the stop");
    assertEquals(
        2L * CLIENTS,
        notesOnTheServer(server, name),
        "a note through JDBC and one through Jdbi per client");
    assertTrue(
        running.hookLog().contains("shutdown: all workers stopped, pools closed"),
        running.hookLog().toString());
  }

  @Test
  void unknownRoutesAndMissingNotesAre404AndBadSleepsAre400(DatabaseServer server)
      throws Exception {
    try (WorkerServer running =
        WorkerServer.start(
            database(server), WorkerServer.Config.of(server.createDatabase("routes"), 1, false))) {
      assertEquals(404, get(running, "/notes/999999").statusCode());
      assertEquals(404, get(running, "/notes/abc").statusCode());
      assertEquals(404, get(running, "/nowhere").statusCode());
      assertEquals(400, get(running, "/sleep/" + (Routes.MAX_SLEEP_MS + 1)).statusCode());
      HttpResponse<String> hello = get(running, "/hello");
      assertEquals(200, hello.statusCode());
      assertTrue(hello.body().startsWith("hello from worker-0 on connection "), hello.body());
      assertEquals("worker-0", hello.headers().firstValue("X-Worker").orElse(""));
      assertEquals(404, get(running, "/jdbi/notes/999999").statusCode());
      assertEquals(404, get(running, "/jdbi/notes/x").statusCode());
    }
  }

  @Test
  void jdbiNotesAreTheSameNotesOnTheRequestsLease(DatabaseServer server) throws Exception {
    try (WorkerServer running =
        WorkerServer.start(
            database(server), WorkerServer.Config.of(server.createDatabase("jdbi"), 1, false))) {
      HttpResponse<String> viaJdbi = post(running, "/jdbi/notes", "through Jdbi");
      assertEquals(
          200, viaJdbi.statusCode(), viaJdbi.body()); // 500 when Jdbi ran on another connection
      String id = viaJdbi.body().strip();
      assertEquals("through Jdbi\n", get(running, "/jdbi/notes/" + id).body());
      assertEquals(
          "through Jdbi\n",
          get(running, "/notes/" + id).body(),
          "the JDBC route reads the same table");
      String viaJdbc = post(running, "/notes", "through JDBC").body().strip();
      assertEquals("through JDBC\n", get(running, "/jdbi/notes/" + viaJdbc).body());
    }
  }

  @Test
  void anOverdraftIsRefusedAndRolledBackAndBadTransfersAreRefusedBeforeTheTransaction(
      DatabaseServer server) throws Exception {
    String name = server.createDatabase("transfers");
    try (WorkerServer running =
        WorkerServer.start(database(server), WorkerServer.Config.of(name, 1, false))) {
      String opening =
          "sum "
              + Accounts.total()
              + " lowest "
              + Accounts.OPENING_BALANCE
              + " accounts "
              + Accounts.COUNT;
      assertEquals(opening + "\n", get(running, "/accounts").body());
      HttpResponse<String> overdraft =
          post(running, "/transfers", "3 4 " + (Accounts.OPENING_BALANCE + 1));
      assertEquals(409, overdraft.statusCode(), overdraft.body());
      assertEquals("account 3 holds 1000, cannot transfer 1001: rolled back\n", overdraft.body());
      assertEquals(opening + "\n", get(running, "/accounts").body(), "the debit was rolled back");
      assertEquals(
          List.of(Accounts.OPENING_BALANCE, Accounts.OPENING_BALANCE),
          balances(server, name, 3, 4));
      HttpResponse<String> done = post(running, "/transfers", "3 4 " + Accounts.OPENING_BALANCE);
      assertEquals("0 2000\n", done.body());
      assertEquals(
          List.of(0L, 2 * Accounts.OPENING_BALANCE), balances(server, name, 3, 4), "committed");
      assertEquals(404, post(running, "/transfers", "3 " + Accounts.COUNT + " 1").statusCode());
      for (String bad :
          List.of("", "3 4", "3 3 1", "3 4 0", "3 4 -1", "a 4 1", "3 4 1 5", "3 4 1000000001")) {
        HttpResponse<String> refused = post(running, "/transfers", bad);
        assertEquals(400, refused.statusCode(), "'" + bad + "': " + refused.body());
      }
      assertEquals(
          List.of(0L, 2 * Accounts.OPENING_BALANCE),
          balances(server, name, 3, 4),
          "nothing else moved");
    }
  }

  @Test
  void aStopWaitsForTheRequestInFlightThenClosesThePools(DatabaseServer server) throws Exception {
    String name = server.createDatabase("drain");
    WorkerServer running =
        WorkerServer.start(database(server), WorkerServer.Config.of(name, 1, false));
    List<WorkerPool> pools = pools(running);
    int port = running.port();
    CompletableFuture<HttpResponse<String>> slow =
        HttpClient.newHttpClient()
            .sendAsync(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + running.port() + "/sleep/1500"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    while (running.host().runningTasks() == 0 && !slow.isDone()) {
      Thread.onSpinWait();
    }
    running.close();
    HttpResponse<String> answered = slow.get(30, TimeUnit.SECONDS);
    assertEquals(200, answered.statusCode(), answered.body());
    assertTrue(answered.body().startsWith("slept 1500 ms on connection "), answered.body());
    assertEquals(
        pools.get(0).stats().borrowed(),
        pools.get(0).stats().returned(),
        "the slow request's lease returned");
    assertTrue(
        running.hookLog().contains("shutdown: all workers stopped, pools closed"),
        running.hookLog().toString());
    assertThrows(ConnectException.class, () -> get(port, "/hello"), "the server no longer accepts");
    assertEquals(0, connectionsLeft(server, name));
  }

  @Test
  void theMisuseFailsFastBeforeAnyWorkerStarts(DatabaseServer server) {
    SampleDatabase db = database(server);
    String name = server.createDatabase("misuse");
    DiException error =
        assertThrows(
            DiException.class, () -> WorkerServer.start(db, WorkerServer.Config.of(name, 2, true)));
    assertEquals(
        ErrorId.EAGER_GET, error.id(), "a hook's error keeps its own id: " + error.getMessage());
    assertTrue(error.getMessage().contains("phase:      BEFORE_WORKER_START"), error.getMessage());
    assertTrue(
        error
            .getMessage()
            .contains("hook:       dev.workerdi.samples.server.ServerModule.beforeWorkers"),
        error.getMessage());
  }

  private static List<WorkerPool> pools(WorkerServer running) throws Exception {
    List<WorkerPool> pools = new ArrayList<>();
    for (int i = 0; i < running.host().workerCount(); i++) {
      pools.add(
          running
              .host()
              .submit(i, () -> running.host().injector().getInstance(WorkerPool.class))
              .get());
    }
    return pools;
  }

  private static HttpResponse<String> get(WorkerServer running, String path) throws Exception {
    return get(running.port(), path);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(WorkerServer running, String path, String body)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The sum of the balances, the number of accounts and of those below zero, over a connection of
   * the test's.
   */
  private static List<Long> accountsOnTheServer(DatabaseServer server, String database)
      throws Exception {
    return longs(
        server, "SELECT SUM(balance), COUNT(*), SUM(balance < 0) FROM " + database + ".accounts");
  }

  private static long notesOnTheServer(DatabaseServer server, String database) throws Exception {
    return longs(server, "SELECT COUNT(*) FROM " + database + ".notes").getFirst();
  }

  private static List<Long> balances(DatabaseServer server, String database, int a, int b)
      throws Exception {
    return List.of(
        longs(server, "SELECT balance FROM " + database + ".accounts WHERE id = " + a).getFirst(),
        longs(server, "SELECT balance FROM " + database + ".accounts WHERE id = " + b).getFirst());
  }

  private static List<Long> longs(DatabaseServer server, String sql) throws Exception {
    try (Connection admin =
            DriverManager.getConnection(server.jdbcUrl(""), server.user(), server.password());
        Statement s = admin.createStatement();
        ResultSet row = s.executeQuery(sql)) {
      row.next();
      List<Long> values = new ArrayList<>();
      for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
        values.add(row.getLong(i));
      }
      return values;
    }
  }

  /**
   * Connections still on {@code database}, once the server has finished closing the pools' sockets.
   */
  private static int connectionsLeft(DatabaseServer server, String database) throws Exception {
    try (Connection admin =
        DriverManager.getConnection(server.jdbcUrl(""), server.user(), server.password())) {
      int left = ConnectionSampler.count(admin, database);
      for (int tries = 0;
          left > 0 && tries < 100;
          tries++) { // the server notices closed sockets asynchronously
        Thread.sleep(50);
        left = ConnectionSampler.count(admin, database);
      }
      return left;
    }
  }
}

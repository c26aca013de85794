package dev.workerdi.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.samples.SampleDatabase;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Jetty worker server under 2,000 concurrent clients on a real database, its graceful stop,
 * and its misuse path.
 */
@RealDatabase
class WorkerServerTest {
  static final int CLIENTS = 2_000;

  static SampleDatabase database(DatabaseServer server) {
    return SampleDatabase.remote(server.jdbcUrl(""), server.user(), server.password());
  }

  @Test
  void twoThousandConcurrentClientsAreAllAnsweredCorrectlyWithinTheConnectionBudget(DatabaseServer server)
      throws Exception {
    String name = server.createDatabase("server");
    WorkerServer running = WorkerServer.start(database(server), WorkerServer.Config.of(name, 2, false));
    LoadCheck.Result result;
    List<WorkerPool> pools;
    int highest;
    try (ConnectionSampler sampler = new ConnectionSampler(server.jdbcUrl(""), server.user(), server.password(), name)) {
      result = LoadCheck.run(running.port(), CLIENTS);
      pools = pools(running);
      sampler.close();
      highest = sampler.highest();
      assertTrue(sampler.samples() > 0, "PROCESSLIST was sampled");
    } finally {
      running.close();
    }
    System.out.printf("%,d clients: %,d correct in %,d ms, by worker %s; server connections peaked at %d"
        + " (budget %d)%n", CLIENTS, result.ok(), result.elapsedMs(), result.workers(), highest,
        running.connectionBudget());
    assertEquals(CLIENTS, result.ok(), "correct round trips; first failure: " + result.firstFailure());
    assertEquals(2, result.workers().size(), "both workers served requests: " + result.workers());
    assertTrue(highest > 0 && highest <= running.connectionBudget(),
        "server connections on " + name + " peaked at " + highest + ", budget " + running.connectionBudget());
    for (WorkerPool pool : pools) {
      assertTrue(pool.stats().borrowed() >= CLIENTS / 2, pool.name() + " lent a lease per request: " + pool.stats());
      assertEquals(pool.stats().borrowed(), pool.stats().returned(), pool.name() + ": every lease returned");
    }
    assertEquals(0, connectionsLeft(server, name), "connections left on " + name + " after the stop");
    assertTrue(running.hookLog().contains("shutdown: all workers stopped, pools closed"), running.hookLog().toString());
  }

  @Test
  void unknownRoutesAndMissingNotesAre404AndBadSleepsAre400(DatabaseServer server) throws Exception {
    try (WorkerServer running = WorkerServer.start(database(server),
        WorkerServer.Config.of(server.createDatabase("routes"), 1, false))) {
      assertEquals(404, get(running, "/notes/999999").statusCode());
      assertEquals(404, get(running, "/notes/abc").statusCode());
      assertEquals(404, get(running, "/nowhere").statusCode());
      assertEquals(400, get(running, "/sleep/" + (Routes.MAX_SLEEP_MS + 1)).statusCode());
      HttpResponse<String> hello = get(running, "/hello");
      assertEquals(200, hello.statusCode());
      assertTrue(hello.body().startsWith("hello from worker-0 on connection "), hello.body());
      assertEquals("worker-0", hello.headers().firstValue("X-Worker").orElse(""));
    }
  }

  @Test
  void aStopWaitsForTheRequestInFlightThenClosesThePools(DatabaseServer server) throws Exception {
    String name = server.createDatabase("drain");
    WorkerServer running = WorkerServer.start(database(server), WorkerServer.Config.of(name, 1, false));
    List<WorkerPool> pools = pools(running);
    int port = running.port();
    CompletableFuture<HttpResponse<String>> slow = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + running.port() + "/sleep/1500")).build(), HttpResponse.BodyHandlers.ofString());
    while (running.host().runningTasks() == 0 && !slow.isDone()) {
      Thread.onSpinWait();
    }
    running.close();
    HttpResponse<String> answered = slow.get(30, TimeUnit.SECONDS);
    assertEquals(200, answered.statusCode(), answered.body());
    assertTrue(answered.body().startsWith("slept 1500 ms on connection "), answered.body());
    assertEquals(pools.get(0).stats().borrowed(), pools.get(0).stats().returned(), "the slow request's lease returned");
    assertTrue(running.hookLog().contains("shutdown: all workers stopped, pools closed"), running.hookLog().toString());
    assertThrows(ConnectException.class, () -> get(port, "/hello"), "the server no longer accepts");
    assertEquals(0, connectionsLeft(server, name));
  }

  @Test
  void theMisuseFailsFastBeforeAnyWorkerStarts(DatabaseServer server) {
    SampleDatabase db = database(server);
    String name = server.createDatabase("misuse");
    DiException error = assertThrows(DiException.class, () -> WorkerServer.start(db, WorkerServer.Config.of(name, 2, true)));
    assertEquals(ErrorId.EAGER_GET, error.id(), "a hook's error keeps its own id: " + error.getMessage());
    assertTrue(error.getMessage().contains("phase:      BEFORE_WORKER_START"), error.getMessage());
    assertTrue(error.getMessage().contains("hook:       dev.workerdi.samples.server.ServerModule.beforeWorkers"),
        error.getMessage());
  }

  private static List<WorkerPool> pools(WorkerServer running) throws Exception {
    List<WorkerPool> pools = new ArrayList<>();
    for (int i = 0; i < running.host().workerCount(); i++) {
      pools.add(running.host().submit(i, () -> running.host().injector().getInstance(WorkerPool.class)).get());
    }
    return pools;
  }

  private static HttpResponse<String> get(WorkerServer running, String path) throws Exception {
    return get(running.port(), path);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Connections still on {@code database}, once the server has finished closing the pools' sockets. */
  private static int connectionsLeft(DatabaseServer server, String database) throws Exception {
    try (Connection admin = DriverManager.getConnection(server.jdbcUrl(""), server.user(), server.password())) {
      int left = ConnectionSampler.count(admin, database);
      for (int tries = 0; left > 0 && tries < 100; tries++) { // the server notices closed sockets asynchronously
        Thread.sleep(50);
        left = ConnectionSampler.count(admin, database);
      }
      return left;
    }
  }
}

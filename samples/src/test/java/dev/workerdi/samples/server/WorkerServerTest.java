package dev.workerdi.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.samples.Args;
import dev.workerdi.samples.SampleDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker server under concurrent HTTP load, and its misuse path. */
@RealDatabase
class WorkerServerTest {

  static SampleDatabase database(DatabaseServer server) {
    return SampleDatabase.open(Args.parse(new String[] {"--url", server.jdbcUrl(""), "--user", server.user(),
        "--password", server.password()}, List.of(), "test"));
  }

  @Test
  void answersConcurrentRequestsCorrectlyAndReturnsEveryLease(DatabaseServer server) throws Exception {
    SampleDatabase db = database(server);
    String name = server.createDatabase("server");
    WorkerServer running = WorkerServer.start(db, name, 2, 0, false);
    List<WorkerPool> pools;
    try {
      LoadCheck.Result result = LoadCheck.run(running.port(), 300);
      assertEquals(300, result.ok());
      assertEquals(0, result.wrong());
      HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + running.port() + "/notes/999999")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(404, missing.statusCode());
      pools = List.of(running.host().submit(0, () -> running.host().injector().getInstance(WorkerPool.class)).get(),
          running.host().submit(1, () -> running.host().injector().getInstance(WorkerPool.class)).get());
      assertTrue(pools.get(0).stats().borrowed() > 0 && pools.get(1).stats().borrowed() > 0, "both workers served");
    } finally {
      running.close();
    }
    for (WorkerPool pool : pools) {
      assertEquals(pool.stats().borrowed(), pool.stats().returned(), pool.name());
    }
    assertTrue(running.hookLog().contains("shutdown: all workers stopped, pools closed"), running.hookLog().toString());
  }

  @Test
  void theMisuseFailsFastBeforeAnyWorkerStarts(DatabaseServer server) {
    SampleDatabase db = database(server);
    String name = server.createDatabase("misuse");
    DiException error = assertThrows(DiException.class, () -> WorkerServer.start(db, name, 2, 0, true));
    assertEquals(ErrorId.EAGER_GET, error.id(), "a hook's error keeps its own id: " + error.getMessage());
    assertTrue(error.getMessage().contains("phase:      BEFORE_WORKER_START"), error.getMessage());
    assertTrue(error.getMessage().contains("hook:       dev.workerdi.samples.server.ServerModule.beforeWorkers"),
        error.getMessage());
  }
}

package dev.workerdi.samples.server;

import dev.workerdi.core.DiException;
import dev.workerdi.samples.DatabaseOptions;
import dev.workerdi.samples.HelpOption;
import dev.workerdi.samples.SampleCommandLine;
import dev.workerdi.samples.SampleDatabase;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code server} command: recreates the database {@code server_demo}, starts the {@link
 * WorkerServer} and serves until Ctrl-C (or SIGTERM), which drains the requests in flight and
 * closes the pools. With {@code --misuse} it shows the fail-fast error instead and exits 0. Not
 * thread-safe; picocli runs it once.
 */
@Command(name = "server", sortOptions = false,
    description = "A Jetty HTTP server whose requests run as coroutines of workers, each on its own lease.",
    footer = {"", "Routes:",
        "  GET  /hello          which worker and connection served the request",
        "  POST /notes          stores the request body, returns its id",
        "  GET  /notes/{id}     returns a stored note",
        "  GET  /sleep/{ms}     holds a lease for a server-side sleep; Ctrl-C waits for it",
        "", "Exit status: 0 stopped cleanly (or --misuse showed its error), 1 failed, 2 bad usage."})
final class ServerCommand implements Callable<Integer> {
  static final String DATABASE = "server_demo";

  @Spec
  private CommandSpec spec;

  @Mixin
  private HelpOption help;

  @Mixin
  private DatabaseOptions database;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "port on 127.0.0.1, 0 for any free port (default: ${DEFAULT-VALUE})")
  private int port;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "2", description = "workers (default: ${DEFAULT-VALUE})")
  private int workers;

  @Option(names = "--pool", paramLabel = "N", defaultValue = "4",
      description = "connections per worker's pool (default: ${DEFAULT-VALUE})")
  private int pool;

  @Option(names = "--misuse", description = "resolve a Connection in beforeWorkerStart and show the error it causes")
  private boolean misuse;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    SampleCommandLine.require(spec, port >= 0 && port <= 65_535, "--port must be 0..65535, not " + port);
    SampleCommandLine.require(spec, workers >= 1, "--workers must be at least 1, not " + workers);
    SampleCommandLine.require(spec, pool >= 1, "--pool must be at least 1, not " + pool);
    try (SampleDatabase db = database.open()) {
      db.recreate(DATABASE);
      WorkerServer server;
      try {
        server = WorkerServer.start(db, new WorkerServer.Config(DATABASE, workers, pool, port, misuse));
      } catch (DiException e) {
        System.out.println("The server did not start:\n" + e.getMessage());
        return misuse ? 0 : SampleCommandLine.FAILED;
      }
      server.hookLog().forEach(line -> System.out.println("  hook " + line));
      System.out.println("Listening on http://127.0.0.1:" + server.port() + "/hello with " + workers
          + " workers x pool " + pool + " on " + db.describe() + "; Ctrl-C drains and stops");
      serveUntilStopped(server);
    } finally {
      released.countDown();
    }
    return 0;
  }

  /**
   * Waits for the JVM's shutdown, which stops the server; the shutdown hook then waits for {@link
   * #call} to close the database before the JVM ends.
   */
  private void serveUntilStopped(WorkerServer server) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      System.out.println("Stopped: requests in flight drained, pools closed");
      stopped.countDown();
      try {
        released.await(WorkerServer.DRAIN.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "server-stop"));
    stopped.await();
  }
}

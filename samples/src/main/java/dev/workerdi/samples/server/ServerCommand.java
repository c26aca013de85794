package dev.workerdi.samples.server;

import dev.workerdi.core.DiException;
import dev.workerdi.samples.DatabaseOptions;
import dev.workerdi.samples.HelpOption;
import dev.workerdi.samples.ProgressOutput;
import dev.workerdi.samples.SampleCommandLine;
import dev.workerdi.samples.SampleDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 * WorkerServer} and serves until Enter (on a terminal), Ctrl-C or SIGTERM, which drain the requests
 * in flight, then close the pools. With {@code --misuse} it shows the fail-fast error instead and
 * exits 0. Not thread-safe; picocli runs it once.
 */
@Command(
    name = "server",
    sortOptions = false,
    description =
        "A Jetty HTTP server whose requests run as coroutines of workers, each on its own lease.",
    footer = {
      "",
      "Routes:",
      "  GET  /hello          which worker and connection served the request",
      "  POST /notes          stores the request body, returns its id",
      "  GET  /notes/{id}     returns a stored note",
      "  POST /jdbi/notes     the same through Jdbi on the request's lease (GET /jdbi/notes/{id})",
      "  POST /transfers      body \"FROM TO AMOUNT\": an atomic @Transactional transfer (409: overdraft)",
      "  GET  /accounts       the sum of the balances (always the opening sum), the lowest, the count",
      "  GET  /sleep/{ms}     holds a lease for a server-side sleep; Ctrl-C waits for it",
      "",
      "Exit status: 0 stopped cleanly (or --misuse showed its error), 1 failed, 2 bad usage."
    })
final class ServerCommand implements Callable<Integer> {
  static final String DATABASE = "server_demo";

  @Spec private CommandSpec spec;

  @Mixin private HelpOption help;

  @Mixin private DatabaseOptions database;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "port on 127.0.0.1, 0 for any free port (default: ${DEFAULT-VALUE})")
  private int port;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "2",
      description = "workers (default: ${DEFAULT-VALUE})")
  private int workers;

  @Option(
      names = "--pool",
      paramLabel = "N",
      defaultValue = "4",
      description = "connections per worker's pool (default: ${DEFAULT-VALUE})")
  private int pool;

  @Option(
      names = "--misuse",
      description = "resolve a Connection in beforeWorkerStart and show the error it causes")
  private boolean misuse;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    SampleCommandLine.require(
        spec, port >= 0 && port <= 65_535, "--port must be 0..65535, not " + port);
    SampleCommandLine.require(spec, workers >= 1, "--workers must be at least 1, not " + workers);
    SampleCommandLine.require(spec, pool >= 1, "--pool must be at least 1, not " + pool);
    try (SampleDatabase db = database.open()) {
      db.recreate(DATABASE);
      WorkerServer server;
      try {
        server =
            WorkerServer.start(db, new WorkerServer.Config(DATABASE, workers, pool, port, misuse));
      } catch (DiException e) {
        System.out.println("The server did not start:\n" + e.getMessage());
        return misuse ? 0 : SampleCommandLine.FAILED;
      }
      server.hookLog().forEach(line -> System.out.println("  hook " + line));
      System.out.println(
          "Listening on http://127.0.0.1:"
              + server.port()
              + "/hello with "
              + workers
              + " workers x pool "
              + pool
              + " on "
              + db.describe()
              + "; "
              + howToStop());
      awaitStopRequest();
      server.close();
      System.out.println("Stopped: requests in flight drained, then the pools closed");
    } finally {
      stopped.countDown();
    }
    return 0;
  }

  private static String howToStop() {
    return ProgressOutput.onTerminal()
        ? "Enter stops after draining the requests in flight (Ctrl-C too)"
        : "SIGINT or SIGTERM stops after draining the requests in flight";
  }

  /**
   * Waits for Enter on a terminal, or the JVM's shutdown (Ctrl-C, SIGTERM), whose hook then waits
   * for {@link #call} to drain the server and close the database before the JVM ends. (A Ctrl-C on
   * a terminal also reaches an embedded server's {@code mariadbd}, which then stops at once.)
   */
  private void awaitStopRequest() throws InterruptedException {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopRequested.countDown();
                  try {
                    stopped.await(2 * WorkerServer.DRAIN.toSeconds(), TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "server-stop"));
    if (ProgressOutput.onTerminal()) {
      Thread.ofPlatform()
          .daemon()
          .name("server-enter")
          .start(
              () -> {
                try {
                  new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                      .readLine();
                  stopRequested.countDown();
                } catch (IOException e) {
                  // no usable terminal input: only a signal stops the server
                }
              });
    }
    stopRequested.await();
  }
}

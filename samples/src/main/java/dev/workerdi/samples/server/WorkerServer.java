package dev.workerdi.samples.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.workerdi.core.CoroutineContext;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.samples.Args;
import dev.workerdi.samples.SampleDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A real HTTP server whose requests run in workers as coroutines (seeds {@code 002_*}, {@code
 * 003_*}): the JDK's {@code HttpServer} dispatches each exchange through {@link
 * WorkerHost#executor()}, each request gets its own lease from its worker's own pool, and the
 * lifecycle hooks on {@link ServerModule} log each phase. {@code --misuse} shows the fail-fast
 * error of an eager get in beforeWorkerStart. Thread-safe.
 */
public final class WorkerServer implements AutoCloseable {
  static final String USAGE = """
      Usage: WorkerServer [--url jdbc:mysql://host:3306/ --user U --password P] [--port 8080] [--workers N] [--misuse]
        GET /hello          which worker and connection served the request
        POST /notes         stores the request body, returns its id
        GET /notes/{id}     returns a stored note
        --misuse            resolve a Connection in beforeWorkerStart and show the error it causes
        without --url an embedded MariaDB 11.4 is started for the run""";

  private final WorkerHost host;
  private final HttpServer http;
  private final ServerModule module;

  private WorkerServer(WorkerHost host, HttpServer http, ServerModule module) {
    this.host = host;
    this.http = http;
    this.module = module;
  }

  /** Starts the lifecycle, then the HTTP server on {@code port} (0: any free port) of 127.0.0.1. */
  public static WorkerServer start(SampleDatabase db, String database, int workers, int port, boolean misuse)
      throws Exception {
    ServerModule module = new ServerModule(misuse);
    WorkerHost host = WorkerHost.builder().workers(workers).shutdownHook(false)
        .modules(JdbcModule.of(db.settings(database, 4, "workerdi.reserve", 0)), module).build();
    try {
      host.start();
    } finally {
      module.log().forEach(line -> System.out.println("  hook " + line));
    }
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
    Routes routes = new Routes(host);
    http.createContext("/", exchange -> respond(exchange, routes));
    http.setExecutor(host.executor());
    http.start();
    return new WorkerServer(host, http, module);
  }

  private static void respond(HttpExchange exchange, Routes routes) throws IOException {
    int status = 200;
    String body;
    try {
      body = routes.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    } catch (Routes.NotFound e) {
      status = 404;
      body = e.getMessage();
    } catch (Exception e) {
      status = 500;
      body = e.toString();
    }
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("X-Coroutine", CoroutineContext.current().map(Object::toString).orElse("none"));
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public WorkerHost host() {
    return host;
  }

  /** The lifecycle hooks' log. */
  public List<String> hookLog() {
    return module.log();
  }

  @Override
  public void close() {
    http.stop(0);
    host.stop(Duration.ofSeconds(10));
  }

  public static void main(String[] argv) throws Exception {
    Args args;
    try {
      args = Args.parse(argv, List.of("help", "misuse"), USAGE);
      args.integer("workers", 2, 1);
      args.integer("port", 8080, 0);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (args.flag("help")) {
      System.out.println(USAGE);
      return;
    }
    int workers = args.integer("workers", 2, 1);
    int port = args.integer("port", 8080, 0);
    try (SampleDatabase db = SampleDatabase.open(args)) {
      db.recreate("server_demo");
      WorkerServer server;
      try {
        server = start(db, "server_demo", workers, port, args.flag("misuse"));
      } catch (dev.workerdi.core.DiException e) {
        System.out.println("The server did not start:\n" + e.getMessage());
        System.exit(args.flag("misuse") ? 0 : 1);
        return;
      }
      System.out.println("Listening on http://127.0.0.1:" + server.port() + "/hello ; Ctrl-C stops");
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      Thread.currentThread().join();
    }
  }
}

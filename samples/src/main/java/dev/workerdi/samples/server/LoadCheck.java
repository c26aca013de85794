package dev.workerdi.samples.server;

import dev.workerdi.samples.ProgressOutput;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP client exchange with the worker server: {@code clients} concurrent clients (virtual
 * threads released together), each POSTing a note and reading it back with a GET, checking every
 * status and body. Not thread-safe; one run per call.
 */
public final class LoadCheck {
  private LoadCheck() {}

  /** What the exchange saw: correct and wrong round trips, the workers that answered, the first failure. */
  public record Result(int requests, int ok, int wrong, long elapsedMs, Map<String, Integer> workers,
      Optional<String> firstFailure) {}

  /** {@code clients} concurrent round trips, without progress output. */
  public static Result run(int port, int clients) throws Exception {
    return run(port, clients, null);
  }

  /** {@code clients} concurrent round trips, with progress on {@code out} when it is not null. */
  public static Result run(int port, int clients, PrintStream out) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://127.0.0.1:" + port;
    Map<String, AtomicInteger> workers = new ConcurrentHashMap<>();
    List<String> failures = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    long started = System.nanoTime();
    int ok = 0;
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        ProgressOutput progress = out == null ? null : ProgressOutput.start("http round trips", clients, out)) {
      List<Future<String>> checks = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String body = "note " + i + " \u2713";
        checks.add(threads.submit(() -> {
          go.await();
          String failure = roundTrip(client, base, body, workers);
          if (progress != null) {
            progress.step();
          }
          return failure;
        }));
      }
      go.countDown();
      for (Future<String> check : checks) {
        String failure = check.get();
        if (failure == null) {
          ok++;
        } else {
          failures.add(failure);
        }
      }
    }
    Map<String, Integer> served = new TreeMap<>();
    workers.forEach((name, count) -> served.put(name, count.get()));
    return new Result(clients, ok, clients - ok, (System.nanoTime() - started) / 1_000_000, served,
        failures.stream().findFirst());
  }

  /** Null when both requests answered correctly, else what was wrong. */
  private static String roundTrip(HttpClient client, String base, String body, Map<String, AtomicInteger> workers) {
    try {
      HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create(base + "/notes"))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (posted.statusCode() != 200) {
        return "POST /notes: " + posted.statusCode() + " " + posted.body().strip();
      }
      posted.headers().firstValue("X-Worker").ifPresent(w -> workers.computeIfAbsent(w, k -> new AtomicInteger())
          .incrementAndGet());
      String id = posted.body().strip();
      HttpResponse<String> read = client.send(HttpRequest.newBuilder(URI.create(base + "/notes/" + id)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (read.statusCode() != 200 || !read.body().strip().equals(body)) {
        return "GET /notes/" + id + ": " + read.statusCode() + " '" + read.body().strip() + "', expected '" + body + "'";
      }
      return null;
    } catch (Exception e) {
      return body + ": " + e;
    }
  }
}

package dev.workerdi.samples.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A real HTTP client exchange with the worker server: {@code requests} concurrent POSTs, each read
 * back with a GET, checking every body. Not thread-safe; one run per instance.
 */
public final class LoadCheck {
  private LoadCheck() {}

  /** What the exchange saw. */
  public record Result(int requests, int ok, int wrong, long elapsedMs) {}

  public static Result run(int port, int requests) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://127.0.0.1:" + port;
    long started = System.nanoTime();
    int ok = 0;
    int wrong = 0;
    try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
      List<Future<Boolean>> checks = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        String body = "note " + i + " \u2713";
        checks.add(clients.submit(() -> roundTrip(client, base, body)));
      }
      for (Future<Boolean> check : checks) {
        if (check.get()) {
          ok++;
        } else {
          wrong++;
        }
      }
    }
    return new Result(requests, ok, wrong, (System.nanoTime() - started) / 1_000_000);
  }

  private static boolean roundTrip(HttpClient client, String base, String body) throws Exception {
    HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create(base + "/notes"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (posted.statusCode() != 200) {
      return false;
    }
    HttpResponse<String> read = client.send(HttpRequest.newBuilder(URI.create(base + "/notes/" + posted.body().trim()))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    return read.statusCode() == 200 && read.body().trim().equals(body);
  }
}

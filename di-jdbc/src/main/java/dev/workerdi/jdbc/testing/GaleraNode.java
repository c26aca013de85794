package dev.workerdi.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One node of a {@link GaleraCluster}: its own {@code mariadbd} process on {@code 127.0.0.1}, which
 * tests stop ({@link #stop()}), kill ({@link #kill()}, {@code SIGKILL}), freeze ({@link #pause()},
 * {@code SIGSTOP}, as a network partition looks to the others) and start again ({@link #start()},
 * rejoining by IST when the others still hold the writes it missed). Every signal goes to this
 * node's own PID. Thread-safe: a {@link ReentrantLock} guards the process.
 */
public final class GaleraNode {
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private final int index;
  private final GaleraFiles files;
  private final ReentrantLock lock = new ReentrantLock();
  private Process process; // guarded by lock

  GaleraNode(int index, GaleraFiles files) {
    this.index = index;
    this.files = files;
  }

  /** The node's number in the cluster, from 1. */
  public int index() {
    return index;
  }

  /** The node's SQL port on {@code 127.0.0.1}. */
  public int port() {
    return files.sqlPort();
  }

  /** {@code 127.0.0.1:port}, as it appears in a multi-host URL and in error messages. */
  public String address() {
    return "127.0.0.1:" + port();
  }

  /** A single-host URL of this node, with {@code database} ({@code ""} for none). */
  public String jdbcUrl(String database) {
    return "jdbc:mysql://" + address() + "/" + database;
  }

  /** The PID of the running {@code mariadbd}, or -1 when it is not running. */
  public long pid() {
    lock.lock();
    try {
      return process != null && process.isAlive() ? process.pid() : -1;
    } finally {
      lock.unlock();
    }
  }

  /** Starts the node, joining the cluster ({@code bootstrap}: founding it); returns when it answers SQL. */
  void launch(boolean bootstrap) {
    List<String> command = new ArrayList<>(List.of(GaleraSupport.tool("mariadbd").toString(),
        "--defaults-file=" + files.defaultsFile()));
    if (bootstrap) {
      command.add("--wsrep-new-cluster");
    }
    lock.lock();
    try {
      if (process != null && process.isAlive()) {
        throw new IllegalStateException("node " + index + " already runs, PID " + process.pid());
      }
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(files.dir().resolve("stdout.log").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start node " + index, e);
    } finally {
      lock.unlock();
    }
  }

  /** Starts a stopped or killed node again; it rejoins the cluster. Returns once it answers SQL. */
  public void start() {
    launch(false);
    awaitSql(Duration.ofSeconds(120));
  }

  /** {@code SIGKILL}: the node dies at once, as in a power cut; waits for the process to end. */
  public void kill() {
    signal(true);
  }

  /** {@code SIGTERM}: a clean shutdown; waits up to 60 s, then kills. */
  public void stop() {
    signal(false);
  }

  /** {@code SIGSTOP}: the node freezes, holding its sockets; to the others it is gone. */
  public void pause() {
    send("-STOP");
  }

  /** {@code SIGCONT}: a paused node runs on. */
  public void resume() {
    send("-CONT");
  }

  private void signal(boolean kill) {
    lock.lock();
    try {
      if (process == null) {
        return;
      }
      if (kill) {
        process.destroyForcibly();
      } else {
        send("-CONT");
        process.destroy();
      }
      if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      process = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping node " + index, e);
    } finally {
      lock.unlock();
    }
  }

  private void send(String signal) {
    long pid = pid();
    if (pid < 0) {
      return;
    }
    try {
      new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot signal node " + index, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A new connection to this node alone, whose reads wait until the node has applied every write the
   * cluster committed before them ({@code wsrep_sync_wait=1}), so tests can count rows on any node
   * right after writing through another; the caller closes it.
   */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database) + "?connectTimeout=2000&socketTimeout=30000"
        + "&sessionVariables=wsrep_sync_wait=1", GaleraCluster.USER, "");
  }

  private Connection connectForStatus() throws SQLException {
    return DriverManager.getConnection(jdbcUrl("") + "?connectTimeout=2000&socketTimeout=10000",
        GaleraCluster.USER, "");
  }

  /** A {@code SHOW STATUS} value, such as {@code wsrep_local_state_comment} or {@code wsrep_cluster_status}. */
  public String status(String variable) throws SQLException {
    try (Connection c = connectForStatus();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SHOW STATUS LIKE '" + variable.replace("'", "") + "'")) {
      return rows.next() ? rows.getString(2) : null;
    }
  }

  /** Waits until the node is {@code Synced} with a primary component of the given size. */
  public void awaitSynced(int clusterSize, Duration timeout) {
    await(timeout, "Synced with a primary component of " + clusterSize, () ->
        "Synced".equals(status("wsrep_local_state_comment")) && "Primary".equals(status("wsrep_cluster_status"))
            && Integer.toString(clusterSize).equals(status("wsrep_cluster_size")));
  }

  /** Waits until the node reports {@code wsrep_cluster_status} {@code non-Primary}. */
  public void awaitNonPrimary(Duration timeout) {
    await(timeout, "non-Primary", () -> "non-Primary".equals(status("wsrep_cluster_status")));
  }

  void awaitSql(Duration timeout) {
    await(timeout, "answering SQL", () -> status("wsrep_cluster_status") != null);
  }

  private interface Check {
    boolean done() throws SQLException;
  }

  private void await(Duration timeout, String what, Check check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (pid() < 0) {
        throw new IllegalStateException("node " + index + " is not running (waiting for it to be " + what
            + "); its log ends:\n" + logTail());
      }
      try {
        if (check.done()) {
          return;
        }
      } catch (SQLException e) {
        last = e;
      }
      sleep();
    }
    throw new IllegalStateException("node " + index + " was not " + what + " within " + timeout.toSeconds()
        + " s (last error: " + last + "); its log ends:\n" + logTail(), last);
  }

  /** The last lines of the node's error log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.exists(files.errorLog()) ? Files.readAllLines(files.errorLog()) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + files.errorLog() + ": " + e + ")";
    }
  }

  /** Whether the error log says the last join was an incremental state transfer (IST). */
  public boolean joinedByIst() {
    String log;
    try {
      log = Files.readString(files.errorLog());
    } catch (IOException e) {
      return false;
    }
    int lastStart = log.lastIndexOf("Starting MariaDB");
    String tail = lastStart < 0 ? log : log.substring(lastStart);
    return tail.contains("IST received") || tail.contains("Receiving IST");
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a Galera node", e);
    }
  }

  @Override
  public String toString() {
    return "GaleraNode[" + index + " at " + address() + ", PID " + pid() + "]";
  }
}

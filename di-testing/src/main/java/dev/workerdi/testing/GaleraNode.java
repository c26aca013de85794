package dev.workerdi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
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
  private final NodeProbe probe;
  private Process process; // guarded by lock

  GaleraNode(int index, GaleraFiles files) {
    this.index = index;
    this.files = files;
    this.probe = new NodeProbe(index, files, this::pid);
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

  /**
   * Starts the node, joining the cluster ({@code bootstrap}: founding it); returns when it answers
   * SQL.
   */
  void launch(boolean bootstrap) {
    List<String> command =
        new ArrayList<>(
            List.of(
                GaleraSupport.tool("mariadbd").toString(),
                "--defaults-file=" + files.defaultsFile()));
    if (bootstrap) {
      command.add("--wsrep-new-cluster");
    }
    lock.lock();
    try {
      if (process != null && process.isAlive()) {
        throw new IllegalStateException("node " + index + " already runs, PID " + process.pid());
      }
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(files.dir().resolve("stdout.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start node " + index, e);
    } finally {
      lock.unlock();
    }
  }

  /** Starts a stopped or killed node again; it rejoins the cluster. Returns once it answers SQL. */
  public void start() {
    launch(false);
    probe.awaitSql(Duration.ofSeconds(120));
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
   * A new connection to this node alone, whose reads wait until the node has applied every write
   * the cluster committed before them ({@code wsrep_sync_wait=1}), so tests can count rows on any
   * node right after writing through another; the caller closes it.
   */
  public Connection connect(String database) throws SQLException {
    return probe.connect(database);
  }

  /**
   * A {@code SHOW STATUS} value, such as {@code wsrep_local_state_comment} or {@code
   * wsrep_cluster_status}.
   */
  public String status(String variable) throws SQLException {
    return probe.status(variable);
  }

  /** Waits until the node is {@code Synced} with a primary component of the given size. */
  public void awaitSynced(int clusterSize, Duration timeout) {
    probe.awaitSynced(clusterSize, timeout);
  }

  /** Waits until the node reports {@code wsrep_cluster_status} {@code non-Primary}. */
  public void awaitNonPrimary(Duration timeout) {
    probe.awaitNonPrimary(timeout);
  }

  /** The last lines of the node's error log, for failure messages. */
  public String logTail() {
    return probe.logTail();
  }

  /**
   * Whether the error log says the node's last start joined by an incremental state transfer (IST).
   */
  public boolean joinedByIst() {
    return probe.joinedByIst();
  }

  @Override
  public String toString() {
    return "GaleraNode[" + index + " at " + address() + ", PID " + pid() + "]";
  }
}

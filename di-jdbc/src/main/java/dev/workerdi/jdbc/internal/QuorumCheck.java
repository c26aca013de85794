package dev.workerdi.jdbc.internal;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The borrow-time quorum check of a pool whose URL names several hosts (a cluster URL): a lease on
 * a Galera node outside the primary component fails at the borrow with {@code DI-340} and the
 * node's {@link ClusterStatus}, instead of being handed out to fail at its first write. What each
 * node last said is kept per node address for the whole JVM (every pool on that node learns it at
 * once):
 *
 * <ul>
 *   <li>a node that refused (at a borrow check, or a statement refused with 1047/1180, reported by
 *       {@link ClusterErrorInterceptor}) is asked again at every borrow, and clears once it answers
 *       {@code Primary}: leases fail fast during the quorum loss and work as soon as it returns;
 *   <li>a node that answered {@code Primary} is asked again only after {@link #WINDOW_MILLIS} (like
 *       HikariCP's alive-bypass window), by one borrow at a time; the other borrows cost a map
 *       look-up. A quorum loss within that window reaches the lease's first statement instead,
 *       which fails with {@code DI-340} and marks the node;
 *   <li>a server without a wsrep provider is never asked again.
 * </ul>
 *
 * A pool on a single-host URL has no check at all. Thread-safe. Not a supported API.
 */
final class QuorumCheck {
  /** How long a node's {@code Primary} answer is trusted. */
  static final long WINDOW_MILLIS = 500;

  private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
  private static final ConcurrentHashMap<String, Node> NODES = new ConcurrentHashMap<>();

  /** What one node last said. */
  private static final class Node {
    final AtomicLong askedAt = new AtomicLong(System.nanoTime() - WINDOW_NANOS);
    volatile boolean refusing;
    volatile boolean plain;
  }

  private final String pool;

  private QuorumCheck(String pool) {
    this.pool = pool;
  }

  /** The check of pool {@code pool}, or null when {@code url} names one host. */
  static QuorumCheck forPool(String pool, String url) {
    return HostList.parse(url).multiHost() ? new QuorumCheck(pool) : null;
  }

  /** A statement on {@code node} ({@code host:port}) was refused: the node is outside quorum. */
  static void refused(String node) {
    NODES.computeIfAbsent(node, address -> new Node()).refusing = true;
  }

  /**
   * Before a lease on {@code pooled} is handed out.
   *
   * @param physical the driver's connection behind {@code pooled}
   * @throws dev.workerdi.core.DiException {@code DI-340} when the node is outside the primary
   *     component (the connection is sound and may go back to the pool)
   * @throws SQLException when the node could not be asked (the connection is broken)
   */
  void verify(Connection pooled, JdbcConnection physical) throws SQLException {
    String address = physical.getHostPortPair();
    Node node = NODES.computeIfAbsent(address, a -> new Node());
    if (node.plain) {
      return;
    }
    if (!node.refusing) {
      long now = System.nanoTime();
      long asked = node.askedAt.get();
      if (now - asked < WINDOW_NANOS || !node.askedAt.compareAndSet(asked, now)) {
        return;
      }
    }
    Optional<ClusterStatus> status = ClusterStatus.read(pooled);
    if (status.isEmpty()) {
      node.plain = true;
      return;
    }
    if (status.get().accepting()) {
      node.refusing = false;
      node.askedAt.set(System.nanoTime());
      return;
    }
    node.refusing = true;
    throw JdbcErrors.quorumLostAtBorrow(pool, address, status.get());
  }
}

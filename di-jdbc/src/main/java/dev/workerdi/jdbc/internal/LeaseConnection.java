package dev.workerdi.jdbc.internal;

import dev.workerdi.core.spi.CoroutineConfined;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The {@link Connection} a lease hands out: every call checks that it comes from the lease's own
 * coroutine and that the lease is still out, then goes to the pooled connection as a plain virtual
 * call ({@link ForwardingConnection}); {@code close()} returns the lease early, and {@code
 * isClosed()} is true once it is returned; {@code unwrap} (to HikariCP's or the driver's
 * connection) retires the connection, which is then evicted on return instead of reused. Equal only
 * to itself. {@link CoroutineConfined}: it checks its owner itself, so a coroutine scope hands it
 * out unwrapped. Thread-safe (calls from other threads fail). Not a supported API.
 */
final class LeaseConnection extends ForwardingConnection implements CoroutineConfined {
  private final LeaseCore lease;

  private LeaseConnection(LeaseCore lease) {
    this.lease = lease;
  }

  static Connection create(LeaseCore lease) {
    return new LeaseConnection(lease);
  }

  @Override
  Connection target() {
    return lease.checkedConnection();
  }

  @Override
  public void close() {
    lease.close();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    Connection target = target(); // owner and release checks first
    if (type != null && type.isInstance(this)) {
      return type.cast(this);
    }
    T inner = target.unwrap(type);
    lease.retire(); // the driver's connection bypasses the lease: never trust this connection again
    return inner;
  }

  @Override
  public boolean isClosed() throws SQLException {
    return lease.isReleased() || target().isClosed();
  }

  @Override
  public String toString() {
    return "LeaseConnection[" + lease + "]";
  }
}

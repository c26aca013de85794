package dev.workerdi.jdbc.internal;

import dev.workerdi.core.spi.Proxies;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;

/**
 * The {@link Connection} a lease hands out: every call checks that it comes from the lease's own
 * coroutine and that the lease is still out, then goes to the pooled connection; {@code close()}
 * returns the lease early; {@code unwrap} (to HikariCP's or the driver's connection) retires the
 * connection, which is then evicted on return instead of reused. Thread-safe (calls from other threads fail). Not a supported API.
 */
final class LeaseConnection implements InvocationHandler {
  private final LeaseCore lease;

  private LeaseConnection(LeaseCore lease) {
    this.lease = lease;
  }

  static Connection create(LeaseCore lease) {
    return (Connection) Proxies.newProxy(Connection.class, new LeaseConnection(lease));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "close":
        if (method.getParameterCount() == 0) {
          lease.close();
          return null;
        }
        break;
      case "isClosed":
        if (method.getParameterCount() == 0 && lease.isReleased()) {
          return true;
        }
        break;
      case "toString":
        return "LeaseConnection[" + lease + "]";
      case "hashCode":
        return System.identityHashCode(proxy);
      case "equals":
        return proxy == args[0];
      default:
        break;
    }
    Connection target = lease.checkedConnection();
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (method.getName().equals("unwrap") && result != proxy) {
      lease.retire(); // the driver's connection bypasses the lease: never trust this connection again
    }
    return result;
  }
}

package dev.workerdi.jdbc.internal;

import dev.workerdi.jdbc.Lease;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A {@link Connection} handed out by the lease-backed {@code DataSource} (and to programmatic
 * transactions): a view of the coroutine's lease. Calls go to the lease's connection (owner and
 * return checks included). {@code close()} ends the view only, like closing a pooled connection:
 * what was changed through this view (autocommit turned off with work left uncommitted, read-only,
 * isolation) is undone, and the lease stays with its coroutine. While the coroutine's managed
 * transaction is open, commit, rollback and changes of autocommit, read-only or isolation through
 * the view are refused. Thread-confined (the lease's owner check applies). Not a supported API.
 */
final class LeaseView implements InvocationHandler {
  private static final Constructor<?> PROXY = proxyConstructor();

  private final Lease lease;
  private final Connection target;
  private final TransactionEngine engine;
  private final String name;
  private boolean closed;
  private ViewChanges changes;

  private LeaseView(Lease lease, TransactionEngine engine, String name) {
    this.lease = lease;
    this.target = lease.connection();
    this.engine = engine;
    this.name = name;
  }

  /** A new view of {@code lease}; {@code name} (the DataSource's) appears in messages. */
  static Connection of(Lease lease, TransactionEngine engine, String name) {
    try {
      return (Connection) PROXY.newInstance(new LeaseView(lease, engine, name));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a Connection proxy", e);
    }
  }

  private static Constructor<?> proxyConstructor() {
    Class<?> type =
        Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> null)
            .getClass();
    try {
      return type.getConstructor(InvocationHandler.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("proxy classes have an InvocationHandler constructor", e);
    }
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String call = method.getName();
    int arity = method.getParameterCount();
    switch (call) {
      case "close" -> {
        if (arity == 0) {
          close();
          return null;
        }
      }
      case "isClosed" -> {
        if (arity == 0) {
          return closed || target.isClosed();
        }
      }
      case "toString" -> {
        return "LeaseView[" + name + ", " + lease + (closed ? ", closed" : "") + "]";
      }
      case "hashCode" -> {
        return System.identityHashCode(proxy);
      }
      case "equals" -> {
        return proxy == args[0];
      }
      default -> {}
    }
    if (closed) {
      throw JdbcErrors.viewClosed(name, call);
    }
    guard(call, arity, args);
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Refuses to end or reshape the managed transaction; records what a plain caller changes. */
  private void guard(String call, int arity, Object[] args) throws SQLException {
    boolean managed = engine.isOpenOn(lease);
    switch (call) {
      case "commit" -> refuseIf(managed, call);
      case "rollback" -> refuseIf(managed && arity == 0, call);
      case "setAutoCommit" -> {
        refuseIf(managed && (Boolean) args[0] != target.getAutoCommit(), call);
        changes().autoCommit(target);
      }
      case "setReadOnly" -> {
        refuseIf(managed && (Boolean) args[0] != target.isReadOnly(), call);
        changes().readOnly(target);
      }
      case "setTransactionIsolation" -> {
        refuseIf(managed && (Integer) args[0] != target.getTransactionIsolation(), call);
        changes().isolation(target);
      }
      default -> {}
    }
  }

  private void refuseIf(boolean refuse, String call) {
    if (refuse) {
      throw JdbcErrors.transactionManaged(name, call, engine.openWhat());
    }
  }

  private ViewChanges changes() {
    if (changes == null) {
      changes = new ViewChanges();
    }
    return changes;
  }

  private void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    if (changes != null && !lease.isReleased() && !engine.isOpenOn(lease)) {
      changes.undo(target);
    }
  }
}

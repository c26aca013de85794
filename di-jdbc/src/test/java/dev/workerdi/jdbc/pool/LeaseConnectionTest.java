package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.JdbcConnection;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lease's {@code Connection} checks its owner and its lease on every method {@code Connection}
 * has (found by reflection, so a method added to the handle without the check is caught), and
 * otherwise behaves as the pooled connection does.
 */
@RealDatabase
class LeaseConnectionTest {
  private static WorkerHost host;

  @BeforeAll
  static void start(FreshDatabase db) {
    host = Hosts.start(Hosts.settings(db, 2), 1);
  }

  @AfterAll
  static void stop() throws Exception {
    Hosts.stop(host);
  }

  /** Every method of Connection but close and isClosed, which a returned lease answers itself. */
  private static List<Method> checkedMethods() {
    List<Method> methods = new ArrayList<>();
    for (Method method : Connection.class.getMethods()) {
      if (!Modifier.isStatic(method.getModifiers())
          && !method.getName().equals("close")
          && !method.getName().equals("isClosed")) {
        methods.add(method);
      }
    }
    return methods;
  }

  private static Object[] defaults(Method method) {
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = types[i] == int.class ? 0 : types[i] == boolean.class ? false : null;
    }
    return args;
  }

  /** The error id each method threw, or "no error". */
  private static Map<String, String> outcomes(Connection connection) {
    Map<String, String> outcomes = new TreeMap<>();
    for (Method method : checkedMethods()) {
      String outcome;
      try {
        method.invoke(connection, defaults(method));
        outcome = "no error";
      } catch (InvocationTargetException e) {
        outcome =
            e.getCause() instanceof DiException di
                ? di.id().name()
                : e.getCause().getClass().getName();
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
      outcomes.put(method.toGenericString(), outcome);
    }
    return outcomes;
  }

  private static Map<String, String> all(ErrorId id) {
    Map<String, String> expected = new TreeMap<>();
    checkedMethods().forEach(method -> expected.put(method.toGenericString(), id.name()));
    return expected;
  }

  @Test
  void everyMethodFailsFromAnotherThread() throws Exception {
    Map<String, String> outcomes =
        host.submit(
                () -> {
                  Connection mine = host.injector().getInstance(Connection.class);
                  try (var other = Executors.newVirtualThreadPerTaskExecutor()) {
                    return other.submit(() -> outcomes(mine)).get();
                  }
                })
            .get();
    assertEquals(all(ErrorId.NOT_OWNER), outcomes);
  }

  @Test
  void everyMethodFailsOnceTheLeaseIsReturned() throws Exception {
    Map<String, String> outcomes =
        host.submit(
                () -> {
                  Connection connection = host.injector().getInstance(Lease.class).connection();
                  connection.close();
                  assertTrue(connection.isClosed());
                  return outcomes(connection);
                })
            .get();
    assertEquals(all(ErrorId.LEASE_RELEASED), outcomes);
  }

  @Test
  void callsReachThePooledConnectionAndTheHandleIsEqualOnlyToItself() throws Exception {
    host.submit(
            () -> {
              Lease lease = host.injector().getInstance(Lease.class);
              Connection connection = lease.connection();
              assertEquals(connection, host.injector().getInstance(Connection.class));
              assertFalse(connection.isClosed());
              assertTrue(connection.getAutoCommit());
              connection.setAutoCommit(false);
              assertFalse(connection.getAutoCommit());
              connection.rollback();
              connection.setAutoCommit(true);
              connection.beginRequest();
              connection.endRequest();
              assertTrue(connection.isWrapperFor(JdbcConnection.class));
              assertEquals(System.identityHashCode(connection), connection.hashCode());
              assertNotEquals(connection, lease);
              assertTrue(
                  connection.toString().startsWith("LeaseConnection[Lease["),
                  connection.toString());
              return null;
            })
        .get();
  }

  @Test
  void aThrownSqlExceptionComesThroughUnwrapped() throws Exception {
    Throwable thrown =
        host.submit(
                () -> {
                  Connection connection = host.injector().getInstance(Connection.class);
                  try (var statement = connection.prepareStatement("SELECT * FROM no_such_table")) {
                    statement.executeQuery();
                    return null;
                  } catch (SQLException e) {
                    return e;
                  }
                })
            .get();
    assertTrue(thrown instanceof SQLSyntaxErrorException, String.valueOf(thrown));
  }
}

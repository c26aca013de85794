package dev.workerdi.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives tests a real database: it resolves parameters of type {@link
 * DatabaseServer} (the server shared by every test class of the JVM) and {@link FreshDatabase} (a
 * new, empty database per test class). Use {@code @ExtendWith(TestDatabase.class)} or {@link
 * RealDatabase @RealDatabase}.
 *
 * <p>The server is, in this order: the one named by {@code WORKERDI_JDBC_URL} (with {@code
 * WORKERDI_JDBC_USER}, default {@code root}, and {@code WORKERDI_JDBC_PASSWORD}, default empty; the
 * databases it creates there are dropped at the end); MySQL 8.4 in Testcontainers when it is on the
 * classpath and a Docker engine answers; an {@link EmbeddedMariaDb}. The system property {@code
 * workerdi.testdb} ({@code auto}, {@code embedded}, {@code testcontainers}) forces a choice. It
 * starts on first use and stops when the test run ends (or at JVM exit).
 *
 * <p>Stateless and thread-safe (parallel test execution included).
 */
public final class TestDatabase implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(TestDatabase.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == DatabaseServer.class || type == FreshDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    DatabaseServer server =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                SharedServer.Lease.class,
                key -> SharedServer.Lease.take(),
                SharedServer.Lease.class)
            .server();
    if (parameter.getParameter().getType() == DatabaseServer.class) {
      return server;
    }
    ExtensionContext classContext = classContext(context);
    String hint = classContext.getTestClass().map(Class::getSimpleName).orElse("test");
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            FreshDatabase.class,
            key -> new FreshDatabase(server, server.createDatabase(hint)),
            FreshDatabase.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }
}

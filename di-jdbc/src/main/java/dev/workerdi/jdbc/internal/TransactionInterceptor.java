package dev.workerdi.jdbc.internal;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import dev.workerdi.jdbc.TransactionSpec;
import dev.workerdi.jdbc.Transactional;
import dev.workerdi.jdbc.Transactions;
import jakarta.inject.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

/**
 * The Guice method interceptor behind {@link Transactional}: one per injector for every database,
 * it finds the method's engine by the annotation's database name and runs the invocation in it (a
 * retry calls {@code proceed()} again, which runs the whole method again). Thread-safe: the
 * per-method plans are cached in a concurrent map. Not a supported API.
 */
final class TransactionInterceptor implements MethodInterceptor {
  private final Provider<Injector> injector;
  private final Map<Method, Plan> plans = new ConcurrentHashMap<>();

  TransactionInterceptor(Provider<Injector> injector) {
    this.injector = injector;
  }

  private record Plan(TransactionEngine engine, TransactionSpec spec, String what) {}

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Plan plan = plans.computeIfAbsent(invocation.getMethod(), this::plan);
    return plan.engine().run(plan.spec(), frame -> invocation.proceed(), plan.what());
  }

  private Plan plan(Method method) {
    Transactional annotation = method.getAnnotation(Transactional.class);
    String what = TransactionalMethods.describe(method);
    return new Plan(
        engine(injector.get(), annotation.database(), what), TransactionSpec.of(annotation), what);
  }

  /** The engine bound for {@code database}, or the unknown-database error. */
  static TransactionEngine engine(Injector injector, String database, String what) {
    Binding<Transactions> binding = injector.getExistingBinding(key(database));
    if (binding == null || !(binding.getProvider().get() instanceof TransactionEngine engine)) {
      throw JdbcErrors.unknownDatabase(
          what, database, TransactionalMethods.knownDatabases(injector.getAllBindings().keySet()));
    }
    return engine;
  }

  static Key<Transactions> key(String database) {
    return database.isEmpty()
        ? Key.get(Transactions.class)
        : Key.get(Transactions.class, Names.named(database));
  }

  @Override
  public String toString() {
    return "TransactionInterceptor[@Transactional]";
  }
}

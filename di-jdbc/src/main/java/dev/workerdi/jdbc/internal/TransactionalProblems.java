package dev.workerdi.jdbc.internal;

import com.google.inject.Binding;
import com.google.inject.Key;
import dev.workerdi.core.DiException;
import dev.workerdi.jdbc.TransactionSpec;
import dev.workerdi.jdbc.Transactional;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Transactional} problems of a class, an instance or a binding, as errors: the one place
 * both the injector-time check ({@link TransactionalCheck}, at boot) and static validation ({@link
 * TransactionalValidation}) build them from, so that each problem reads the same wherever it is
 * found. Stateless and thread-safe. Not a supported API.
 */
final class TransactionalProblems {
  private TransactionalProblems() {}

  /**
   * For a class Guice meets: the annotated methods it will not intercept ({@code DI-337}), then
   * those with bad attributes ({@code DI-125}), in method order.
   */
  static List<DiException> ofClass(Class<?> type) {
    List<DiException> found = new ArrayList<>();
    for (TransactionalMethods.Problem problem : TransactionalMethods.problems(type)) {
      found.add(
          JdbcErrors.notIntercepted(
              TransactionalMethods.describe(problem.method()), problem.why(), problem.fix()));
    }
    for (Method method : TransactionalMethods.of(type)) {
      badAttributes(method).ifPresent(found::add);
    }
    return found;
  }

  private static Optional<DiException> badAttributes(Method method) {
    try {
      TransactionSpec.of(method.getAnnotation(Transactional.class));
      return Optional.empty();
    } catch (DiException e) {
      return Optional.of(JdbcErrors.badAnnotation(TransactionalMethods.describe(method), e));
    }
  }

  /**
   * {@code DI-338} when the method's {@code database} is not among {@code bound} (the keys the
   * injector, or the validated modules, bind).
   */
  static Optional<DiException> unknownDatabase(Method method, Collection<Key<?>> bound) {
    String database = method.getAnnotation(Transactional.class).database();
    if (bound.contains(TransactionInterceptor.key(database))) {
      return Optional.empty();
    }
    return Optional.of(
        JdbcErrors.unknownDatabase(
            TransactionalMethods.describe(method),
            database,
            TransactionalMethods.knownDatabases(bound)));
  }

  /** {@code DI-337} for an instance Guice injects but did not construct, so never intercepts. */
  static DiException notConstructed(Class<?> type) {
    Method method = TransactionalMethods.of(type).get(0);
    return JdbcErrors.notIntercepted(
        TransactionalMethods.describe(method),
        "Guice injected an instance of "
            + type.getName()
            + " that it did not construct "
            + "(toInstance, requestInjection or injectMembers), so none of its methods are intercepted",
        "Bind the class itself (bind("
            + type.getSimpleName()
            + ".class)) so that Guice constructs "
            + "it, or call Transactions.inTransaction inside its methods.");
  }

  /**
   * {@code DI-337} for a binding made by a provider ({@code @Provides}, {@code toProvider}) of a
   * class with annotated methods.
   */
  static DiException madeByProvider(Binding<?> binding) {
    Class<?> type = binding.getKey().getTypeLiteral().getRawType();
    return JdbcErrors.notIntercepted(
        TransactionalMethods.describe(TransactionalMethods.of(type).get(0)),
        binding.getKey()
            + " is made by a provider ("
            + binding.getSource()
            + "), not constructed by Guice",
        "Let Guice construct it (bind("
            + type.getSimpleName()
            + ".class), with @Inject on its constructor), or "
            + "call Transactions.inTransaction inside its methods.");
  }
}

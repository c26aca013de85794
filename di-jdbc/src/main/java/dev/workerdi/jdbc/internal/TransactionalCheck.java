package dev.workerdi.jdbc.internal;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.InjectionListener;
import com.google.inject.spi.Message;
import com.google.inject.spi.ProviderInstanceBinding;
import com.google.inject.spi.ProviderKeyBinding;
import com.google.inject.spi.TypeEncounter;
import com.google.inject.spi.TypeListener;
import dev.workerdi.core.DiException;
import dev.workerdi.jdbc.TransactionSpec;
import dev.workerdi.jdbc.Transactional;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a {@link Transactional} that Guice would ignore an error instead: for each class Guice
 * meets, annotated methods it cannot intercept, bad attributes and unknown databases are reported
 * when the injector is created (or when the class is first bound just in time); an instance Guice
 * injects but did not construct (toInstance, requestInjection) fails its injection; and, once the
 * injector exists, provider-built bindings ({@code @Provides}, {@code toProvider}) of annotated
 * classes are reported. Thread-safe. Not a supported API.
 */
final class TransactionalCheck implements TypeListener {
  private final Map<Method, String> databases = new ConcurrentHashMap<>();
  private volatile Injector injector;

  @Override
  public <I> void hear(TypeLiteral<I> type, TypeEncounter<I> encounter) {
    Class<?> raw = type.getRawType();
    List<Method> annotated = TransactionalMethods.of(raw);
    List<TransactionalMethods.Problem> problems = TransactionalMethods.problems(raw);
    if (annotated.isEmpty() && problems.isEmpty()) {
      return;
    }
    for (TransactionalMethods.Problem problem : problems) {
      report(
          encounter,
          JdbcErrors.notIntercepted(
              TransactionalMethods.describe(problem.method()), problem.why(), problem.fix()));
    }
    for (Method method : annotated) {
      try {
        TransactionSpec.of(method.getAnnotation(Transactional.class));
      } catch (DiException e) {
        report(encounter, JdbcErrors.badAnnotation(TransactionalMethods.describe(method), e));
      }
      databases.put(method, method.getAnnotation(Transactional.class).database());
      Injector created = injector;
      if (created != null) {
        unknownDatabase(created, method).ifPresent(e -> report(encounter, e));
      }
    }
    if (!annotated.isEmpty()) {
      encounter.register((InjectionListener<I>) TransactionalCheck::constructedByGuice);
    }
  }

  private static void report(TypeEncounter<?> encounter, DiException error) {
    encounter.addError(new Message(List.of(), error.getMessage(), error));
  }

  /**
   * Guice's intercepted instances are of a generated subclass; anything else was built elsewhere.
   */
  private static void constructedByGuice(Object injectee) {
    if (!injectee.getClass().getName().contains("$$EnhancerByGuice$$")) {
      Method method = TransactionalMethods.of(injectee.getClass()).get(0);
      throw JdbcErrors.notIntercepted(
          TransactionalMethods.describe(method),
          "Guice injected an instance of "
              + injectee.getClass().getName()
              + " that it did not construct "
              + "(toInstance, requestInjection or injectMembers), so none of its methods are intercepted",
          "Bind the class itself (bind("
              + injectee.getClass().getSimpleName()
              + ".class)) so that Guice constructs "
              + "it, or call Transactions.inTransaction inside its methods.");
    }
  }

  /**
   * Runs when the injector is created: databases named so far, and provider-built annotated
   * classes.
   */
  @Inject
  void injectorCreated(Injector created) {
    injector = created;
    List<DiException> problems = new ArrayList<>();
    databases.keySet().forEach(method -> unknownDatabase(created, method).ifPresent(problems::add));
    for (Binding<?> binding : created.getBindings().values()) {
      Class<?> type = binding.getKey().getTypeLiteral().getRawType();
      boolean providerBuilt =
          binding instanceof ProviderInstanceBinding<?> || binding instanceof ProviderKeyBinding<?>;
      if (providerBuilt && !TransactionalMethods.of(type).isEmpty()) {
        problems.add(
            JdbcErrors.notIntercepted(
                TransactionalMethods.describe(TransactionalMethods.of(type).get(0)),
                binding.getKey()
                    + " is made by a provider ("
                    + binding.getSource()
                    + "), not constructed by Guice",
                "Let Guice construct it (bind("
                    + type.getSimpleName()
                    + ".class), with @Inject on its constructor), or "
                    + "call Transactions.inTransaction inside its methods."));
      }
    }
    if (!problems.isEmpty()) {
      DiException first = problems.get(0);
      problems.subList(1, problems.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  private Optional<DiException> unknownDatabase(Injector created, Method method) {
    String database = databases.get(method);
    if (created.getExistingBinding(TransactionInterceptor.key(database)) != null) {
      return Optional.empty();
    }
    return Optional.of(
        JdbcErrors.unknownDatabase(
            TransactionalMethods.describe(method),
            database,
            TransactionalMethods.knownDatabases(created)));
  }
}

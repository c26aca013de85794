package dev.workerdi.jdbc.internal;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.InjectionListener;
import com.google.inject.spi.Message;
import com.google.inject.spi.TypeEncounter;
import com.google.inject.spi.TypeListener;
import dev.workerdi.core.DiException;
import dev.workerdi.jdbc.Transactional;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a {@link Transactional} that Guice would ignore an error instead: for each class Guice
 * meets, annotated methods it cannot intercept, bad attributes and unknown databases are reported
 * when the injector is created (or when the class is first bound just in time); an instance Guice
 * injects but did not construct (toInstance, requestInjection) fails its injection; and, once the
 * injector exists, provider-built bindings ({@code @Provides}, {@code toProvider}) of annotated
 * classes are reported. Static validation finds the same problems from the modules alone ({@link
 * TransactionalValidation}); both build them with {@link TransactionalProblems}. Thread-safe. Not a
 * supported API.
 */
final class TransactionalCheck implements TypeListener {
  private final Set<Method> methods = ConcurrentHashMap.newKeySet();
  private volatile Injector injector;

  @Override
  public <I> void hear(TypeLiteral<I> type, TypeEncounter<I> encounter) {
    Class<?> raw = type.getRawType();
    List<Method> annotated = TransactionalMethods.of(raw);
    TransactionalProblems.ofClass(raw).forEach(error -> report(encounter, error));
    Injector created = injector;
    for (Method method : annotated) {
      methods.add(method);
      if (created != null) {
        TransactionalProblems.unknownDatabase(method, created.getAllBindings().keySet())
            .ifPresent(error -> report(encounter, error));
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
      throw TransactionalProblems.notConstructed(injectee.getClass());
    }
  }

  /**
   * Runs when the injector is created: databases named so far, and provider-built annotated
   * classes.
   */
  @Inject
  void injectorCreated(Injector created) {
    injector = created;
    Collection<Key<?>> bound = created.getAllBindings().keySet();
    List<DiException> problems = new ArrayList<>();
    methods.forEach(
        method -> TransactionalProblems.unknownDatabase(method, bound).ifPresent(problems::add));
    for (Binding<?> binding : created.getBindings().values()) {
      if (TransactionalMethods.madeByProvider(binding)) {
        problems.add(TransactionalProblems.madeByProvider(binding));
      }
    }
    if (!problems.isEmpty()) {
      DiException first = problems.get(0);
      problems.subList(1, problems.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}

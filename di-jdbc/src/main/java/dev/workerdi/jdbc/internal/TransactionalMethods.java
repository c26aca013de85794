package dev.workerdi.jdbc.internal;

import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.name.Named;
import com.google.inject.spi.ProviderInstanceBinding;
import com.google.inject.spi.ProviderKeyBinding;
import dev.workerdi.jdbc.Transactional;
import dev.workerdi.jdbc.Transactions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the {@link Transactional} methods of a class and tells which of them Guice cannot
 * intercept, and why. Stateless and thread-safe (per-class results are cached). Not a supported
 * API.
 */
final class TransactionalMethods {
  private static final String FIX =
      "Make the method non-private, non-static and non-final, in a non-final class "
          + "that Guice constructs (bind it, or let Guice create it just in time); or call Transactions.inTransaction "
          + "inside the method instead.";

  /** Every method of the class or its superclasses that carries the annotation. */
  private static final ClassValue<List<Method>> ANNOTATED =
      new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
          List<Method> found = new ArrayList<>();
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Transactional.class))
                .filter(m -> !m.isSynthetic())
                .forEach(found::add);
          }
          return List.copyOf(found);
        }
      };

  private TransactionalMethods() {}

  /** A problem: the method, why the annotation would be ignored, and the fix. */
  record Problem(Method method, String why, String fix) {}

  static List<Method> of(Class<?> type) {
    return ANNOTATED.get(type);
  }

  private static final ClassValue<List<Problem>> PROBLEMS =
      new ClassValue<>() {
        @Override
        protected List<Problem> computeValue(Class<?> type) {
          return List.copyOf(find(type));
        }
      };

  /** The annotated methods of {@code type} that Guice will not intercept when it constructs it. */
  static List<Problem> problems(Class<?> type) {
    return PROBLEMS.get(type);
  }

  private static List<Problem> find(Class<?> type) {
    List<Problem> problems = new ArrayList<>();
    for (Method method : of(type)) {
      String why = whyNot(type, method);
      Method override = why == null ? overriding(type, method) : null;
      if (why != null) {
        problems.add(new Problem(method, why, FIX));
      } else if (override != null) {
        problems.add(
            new Problem(
                method,
                "it is overridden by " + describe(override) + ", which has no @Transactional",
                "Put @Transactional on "
                    + describe(override)
                    + " too: Guice reads it on the method it intercepts."));
      }
    }
    for (Method method : interfaceMethods(type)) {
      problems.add(
          new Problem(
              method,
              "the annotation is on the interface "
                  + method.getDeclaringClass().getName()
                  + "; Guice reads it on the class's own method",
              "Put @Transactional on the implementing method of " + type.getName() + "."));
    }
    return problems;
  }

  private static String whyNot(Class<?> type, Method method) {
    int modifiers = method.getModifiers();
    if (Modifier.isPrivate(modifiers)) {
      return "it is private, and Guice intercepts only methods a subclass can override";
    } else if (Modifier.isStatic(modifiers)) {
      return "it is static, and Guice intercepts only instance methods";
    } else if (Modifier.isFinal(modifiers)) {
      return "it is final, and Guice intercepts only methods a subclass can override";
    } else if (Modifier.isFinal(type.getModifiers())) {
      return "class " + type.getName() + " is final, and Guice intercepts by subclassing";
    }
    return null;
  }

  /**
   * The most derived declaration of {@code method}'s signature below its own class, if unannotated.
   */
  private static Method overriding(Class<?> type, Method method) {
    for (Class<?> c = type; c != method.getDeclaringClass(); c = c.getSuperclass()) {
      try {
        Method candidate = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
        return candidate.isAnnotationPresent(Transactional.class) ? null : candidate;
      } catch (NoSuchMethodException e) {
        // not redeclared at this level
      }
    }
    return null;
  }

  /** Annotated interface methods whose implementation in {@code type} carries no annotation. */
  private static List<Method> interfaceMethods(Class<?> type) {
    List<Method> found = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Class<?> api : c.getInterfaces()) {
        for (Method method : api.getMethods()) {
          if (method.isAnnotationPresent(Transactional.class)
              && !implementationAnnotated(type, method)) {
            found.add(method);
          }
        }
      }
    }
    return found;
  }

  private static boolean implementationAnnotated(Class<?> type, Method method) {
    try {
      return type.getMethod(method.getName(), method.getParameterTypes())
          .isAnnotationPresent(Transactional.class);
    } catch (NoSuchMethodException e) {
      return true; // abstract: nothing to intercept
    }
  }

  /**
   * Whether a provider ({@code @Provides}, {@code toProvider}) makes a class with annotated
   * methods, which Guice then never intercepts.
   */
  static boolean madeByProvider(Binding<?> binding) {
    boolean provider =
        binding instanceof ProviderInstanceBinding<?> || binding instanceof ProviderKeyBinding<?>;
    return provider && !of(binding.getKey().getTypeLiteral().getRawType()).isEmpty();
  }

  /** {@code Orders.place(long, int)} with the class's name inside its package. */
  static String describe(Method method) {
    Class<?> type = method.getDeclaringClass();
    String name =
        type.getPackageName().isEmpty()
            ? type.getName()
            : type.getName().substring(type.getPackageName().length() + 1);
    return name
        + "."
        + method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  /** The databases among the {@code bound} keys (of an injector, or of modules), for messages. */
  static String knownDatabases(Collection<Key<?>> bound) {
    List<String> names = new ArrayList<>();
    for (Key<?> key : bound) {
      if (key.getTypeLiteral().getRawType() == Transactions.class) {
        names.add(
            key.getAnnotation() instanceof Named named ? "\"" + named.value() + "\"" : "(default)");
      }
    }
    return names.isEmpty() ? "(none: install a JdbcModule)" : String.join(", ", names);
  }
}

package dev.workerdi.core.internal;

import dev.workerdi.core.Secret;
import java.util.Map;
import java.util.Properties;

/**
 * Decides whether a recipe argument can be passed to a parameter type, with Java's boxing, unboxing
 * and primitive widening, and converts it when it is passed. Stateless and thread-safe. Not a
 * supported API.
 */
final class ArgumentMatcher {
  private static final Map<Class<?>, Class<?>> BOXES =
      Map.of(
          boolean.class,
          Boolean.class,
          byte.class,
          Byte.class,
          short.class,
          Short.class,
          char.class,
          Character.class,
          int.class,
          Integer.class,
          long.class,
          Long.class,
          float.class,
          Float.class,
          double.class,
          Double.class);

  /** Widening primitive conversions (JLS 5.1.2), as "from" → allowed "to" types. */
  private static final Map<Class<?>, Class<?>[]> WIDENING =
      Map.of(
          byte.class,
              new Class<?>[] {short.class, int.class, long.class, float.class, double.class},
          short.class, new Class<?>[] {int.class, long.class, float.class, double.class},
          char.class, new Class<?>[] {int.class, long.class, float.class, double.class},
          int.class, new Class<?>[] {long.class, float.class, double.class},
          long.class, new Class<?>[] {float.class, double.class},
          float.class, new Class<?>[] {double.class});

  private ArgumentMatcher() {}

  /** Whether {@code arg} may be passed to a parameter of type {@code parameter}. */
  static boolean accepts(Class<?> parameter, Object arg) {
    if (arg == null) {
      return !parameter.isPrimitive();
    }
    if (arg instanceof Secret) {
      return parameter == String.class
          || parameter == CharSequence.class
          || parameter == char[].class
          || parameter == Secret.class
          || parameter == Object.class;
    }
    if (parameter == Properties.class && arg instanceof Map<?, ?>) {
      return true;
    }
    if (parameter.isPrimitive()) {
      Class<?> primitive = unbox(arg.getClass());
      return primitive != null && (primitive == parameter || widens(primitive, parameter));
    }
    return parameter.isInstance(arg);
  }

  /** The value to pass for {@code arg} to a parameter of type {@code parameter}. */
  static Object convert(Class<?> parameter, Object arg) {
    if (arg instanceof Secret secret && parameter != Secret.class && parameter != Object.class) {
      return parameter == char[].class ? secret.revealChars() : secret.reveal();
    }
    if (parameter == Properties.class
        && arg instanceof Map<?, ?> map
        && !(arg instanceof Properties)) {
      Properties properties = new Properties();
      map.forEach(
          (key, value) ->
              properties.put(
                  String.valueOf(key),
                  value instanceof Secret secret ? secret.reveal() : String.valueOf(value)));
      return properties;
    }
    if (parameter.isPrimitive() && arg != null) {
      return widen(arg, parameter);
    }
    return arg;
  }

  /** Whether type {@code a} is at least as specific as {@code b} (for choosing among overloads). */
  static boolean moreSpecific(Class<?> a, Class<?> b) {
    if (a == b) {
      return true;
    }
    if (a.isPrimitive() && b.isPrimitive()) {
      return widens(a, b);
    }
    if (a.isPrimitive() != b.isPrimitive()) {
      return a.isPrimitive();
    }
    return b.isAssignableFrom(a);
  }

  private static Class<?> unbox(Class<?> boxed) {
    for (Map.Entry<Class<?>, Class<?>> entry : BOXES.entrySet()) {
      if (entry.getValue() == boxed) {
        return entry.getKey();
      }
    }
    return null;
  }

  private static boolean widens(Class<?> from, Class<?> to) {
    for (Class<?> allowed : WIDENING.getOrDefault(from, new Class<?>[0])) {
      if (allowed == to) {
        return true;
      }
    }
    return false;
  }

  private static Object widen(Object arg, Class<?> to) {
    if (arg instanceof Character c && to != char.class) {
      return widen((int) c, to);
    }
    if (!(arg instanceof Number number)) {
      return arg;
    }
    if (to == long.class) {
      return number.longValue();
    } else if (to == int.class) {
      return number.intValue();
    } else if (to == short.class) {
      return number.shortValue();
    } else if (to == float.class) {
      return number.floatValue();
    } else if (to == double.class) {
      return number.doubleValue();
    }
    return arg;
  }
}

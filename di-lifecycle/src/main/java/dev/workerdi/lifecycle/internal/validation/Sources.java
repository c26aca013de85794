package dev.workerdi.lifecycle.internal.validation;

import com.google.inject.Key;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Formats keys and instances for validation messages, readably and the same way every time.
 * Stateless and thread-safe. Not a supported API.
 */
final class Sources {
  private Sources() {}

  /** A key as {@code com.example.Cache} or {@code @Named("MYSQL") com.example.MysqlClient}. */
  static String key(Key<?> key) {
    String type = key.getTypeLiteral().toString();
    Annotation annotation = key.getAnnotation();
    if (annotation != null) {
      String text = annotation.toString();
      int arguments = text.indexOf('(');
      String simple = "@" + key.getAnnotationType().getSimpleName();
      return simple
          + (arguments < 0 || text.endsWith("()") ? "" : text.substring(arguments))
          + " "
          + type;
    }
    return key.getAnnotationType() == null
        ? type
        : "@" + key.getAnnotationType().getSimpleName() + " " + type;
  }

  /** An instance's class, or the interfaces of a {@link Proxy} (whose class names vary by run). */
  static String instance(Object instance) {
    Class<?> type = instance.getClass();
    if (Proxy.isProxyClass(type)) {
      return "a java.lang.reflect.Proxy implementing "
          + Arrays.stream(type.getInterfaces())
              .map(Class::getName)
              .collect(Collectors.joining(", "));
    }
    return "a " + type.getName();
  }
}

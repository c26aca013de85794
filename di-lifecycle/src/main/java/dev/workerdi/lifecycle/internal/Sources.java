package dev.workerdi.lifecycle.internal;

import com.google.inject.Key;
import com.google.inject.spi.ElementSource;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Formats keys, element sources and instances for validation messages, readably and the same way
 * every time. Stateless and thread-safe. Not a supported API.
 */
final class Sources {
  private Sources() {}

  /**
   * Where an element was declared: {@code com.example.AppModule.configure(AppModule.java:31)} for a
   * {@code bind(...)} call, {@code com.example.AppModule.provideCache(AppModule.java)} for a
   * {@code @Provides} method, the text a container recorded for its recipes.
   */
  static String of(Object source) {
    Object declaring = source instanceof ElementSource element ? element.getDeclaringSource() : source;
    if (declaring instanceof StackTraceElement frame) {
      return frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
          + frame.getLineNumber() + ")";
    } else if (declaring instanceof Member member) {
      String name = member instanceof Constructor<?> ? "<init>" : member.getName();
      return member.getDeclaringClass().getName() + "." + name + "(" + fileOf(member.getDeclaringClass()) + ")";
    } else if (declaring instanceof Class<?> type) {
      return type.getName();
    }
    return String.valueOf(declaring);
  }

  /** A key as {@code com.example.Cache} or {@code @Named("MYSQL") com.example.MysqlClient}. */
  static String key(Key<?> key) {
    String type = key.getTypeLiteral().toString();
    Annotation annotation = key.getAnnotation();
    if (annotation != null) {
      String text = annotation.toString();
      int arguments = text.indexOf('(');
      String simple = "@" + key.getAnnotationType().getSimpleName();
      return simple + (arguments < 0 || text.endsWith("()") ? "" : text.substring(arguments)) + " " + type;
    }
    return key.getAnnotationType() == null ? type : "@" + key.getAnnotationType().getSimpleName() + " " + type;
  }

  /** An instance's class, or the interfaces of a {@link Proxy} (whose class names vary by run). */
  static String instance(Object instance) {
    Class<?> type = instance.getClass();
    if (Proxy.isProxyClass(type)) {
      return "a java.lang.reflect.Proxy implementing " + Arrays.stream(type.getInterfaces())
          .map(Class::getName).collect(Collectors.joining(", "));
    }
    return "a " + type.getName();
  }

  private static String fileOf(Class<?> type) {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return top.getSimpleName() + ".java";
  }
}

package dev.workerdi.core.spi;

import com.google.inject.spi.ElementSource;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;

/**
 * The one owner of "where": finds the first stack frame that belongs to the application rather than
 * to this library, Guice, or the JDK (the "declared at" of a registration and the "caller" of a
 * failed {@code get}), and formats every kind of declaration source the same way, as {@code
 * com.example.AppModule.configure(AppModule.java:31)}. Library code acting for the application (a
 * recipe module, an injected hook) names the better location with {@link #as}. Stateless and
 * thread-safe.
 */
public final class CallerLocation {
  private static final List<String> LIBRARY_PACKAGES =
      List.of("dev.workerdi.core.", "dev.workerdi.lifecycle.", "dev.workerdi.jdbc.");
  private static final List<String> FOREIGN_PACKAGES =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "com.google.inject.",
          "com.google.common.",
          "org.junit.",
          "org.apache.maven.surefire.",
          "com.zaxxer.hikari.");
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private static final ThreadLocal<String> OVERRIDE = new ThreadLocal<>();

  private CallerLocation() {}

  /**
   * Runs {@code action} with {@link #here()} answering {@code location}: for library code that acts
   * on the application's behalf (a recipe module registering its declarations, a hook whose
   * parameters are injected) and knows the better location.
   */
  public static void as(String location, Runnable action) {
    String previous = OVERRIDE.get();
    OVERRIDE.set(location);
    try {
      action.run();
    } finally {
      OVERRIDE.set(previous);
    }
  }

  /** The application frame calling into the library now, as {@code Class.method(File.java:42)}. */
  public static String here() {
    String override = OVERRIDE.get();
    if (override != null) {
      return override;
    }
    return WALKER
        .walk(frames -> frames.filter(CallerLocation::isApplicationFrame).findFirst())
        .map(CallerLocation::format)
        .orElse("(unknown caller)");
  }

  /**
   * {@link #here()} when it found an application frame, else null: for {@code caller:} lines, which
   * are left out when no application code is on the stack (a library hook, a worker's own thread).
   */
  public static String application() {
    String here = here();
    return here.startsWith("(") ? null : here;
  }

  /** Formats a frame like a stack trace line without the "at". */
  public static String format(StackWalker.StackFrame frame) {
    return frame.toStackTraceElement().toString();
  }

  /**
   * Where something was declared, from any source Guice or the library records: a Guice {@link
   * ElementSource} or stack frame ({@code Class.method(File.java:31)}), a method or constructor
   * ({@code Class.method(File.java)}: members have no line of their own), a class, or the text a
   * container recorded for its recipes.
   */
  public static String describe(Object source) {
    Object declaring =
        source instanceof ElementSource element ? element.getDeclaringSource() : source;
    if (declaring instanceof StackTraceElement frame) {
      return frame.getClassName()
          + "."
          + frame.getMethodName()
          + "("
          + frame.getFileName()
          + ":"
          + frame.getLineNumber()
          + ")";
    } else if (declaring instanceof Member member) {
      String name = member instanceof Constructor<?> ? "<init>" : member.getName();
      return member.getDeclaringClass().getName()
          + "."
          + name
          + "("
          + fileOf(member.getDeclaringClass())
          + ")";
    } else if (declaring instanceof Class<?> type) {
      return type.getName();
    }
    return String.valueOf(declaring);
  }

  private static String fileOf(Class<?> type) {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return top.getSimpleName() + ".java";
  }

  private static boolean isApplicationFrame(StackWalker.StackFrame frame) {
    String name = frame.getClassName();
    for (String foreign : FOREIGN_PACKAGES) {
      if (name.startsWith(foreign)) {
        return false;
      }
    }
    for (String library : LIBRARY_PACKAGES) {
      if (name.startsWith(library)) {
        return isTestCode(frame.getDeclaringClass());
      }
    }
    return true;
  }

  /** The library's own tests call it like an application does; they live apart from its classes. */
  private static boolean isTestCode(Class<?> type) {
    return Optional.ofNullable(type.getProtectionDomain().getCodeSource())
        .map(CodeSource::getLocation)
        .map(URL::getPath)
        .map(path -> path.contains("test-classes"))
        .orElse(false);
  }
}

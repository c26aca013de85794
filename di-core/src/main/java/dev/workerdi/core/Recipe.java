package dev.workerdi.core;

import dev.workerdi.core.spi.Failures;
import dev.workerdi.core.spi.Redactor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to build an instance later: a class (or a class name, not loaded until registration) plus
 * constructor arguments, positional or named. The Java form of EasySwoole's {@code Di::set(key,
 * ClassName::class, [args])}.
 *
 * <p>A recipe is only a description: nothing is loaded or built when it is created. {@link
 * Di#set(String, Recipe)} validates it (the class exists, is concrete, and exactly one public
 * constructor or static factory named {@code of}, {@code create} or {@code newInstance} accepts the
 * arguments) and the container builds it on first use. Immutable and thread-safe when its arguments
 * are.
 */
public final class Recipe {
  private final String className;
  private final Class<?> type;
  private final List<Object> args;
  private final Map<String, Object> namedArgs;
  private final Sharing sharing;

  private Recipe(
      String className,
      Class<?> type,
      List<Object> args,
      Map<String, Object> namedArgs,
      Sharing sharing) {
    this.className = className;
    this.type = type;
    this.args = args;
    this.namedArgs = namedArgs;
    this.sharing = sharing;
  }

  /** A recipe for the class of that binary name, with positional constructor arguments. */
  public static Recipe of(String className, Object... args) {
    return new Recipe(requireName(className), null, positional(args), null, Sharing.WORKER);
  }

  /** A recipe for {@code type}, with positional constructor arguments. */
  public static Recipe of(Class<?> type, Object... args) {
    return new Recipe(requireType(type).getName(), type, positional(args), null, Sharing.WORKER);
  }

  /**
   * A recipe whose arguments are matched to constructor parameters by name (the class must be
   * compiled with {@code -parameters}); when no constructor has exactly those names, one taking a
   * single {@code Map} or {@code Properties} receives them all.
   */
  public static Recipe named(String className, Map<String, ?> args) {
    return new Recipe(requireName(className), null, List.of(), named(args), Sharing.WORKER);
  }

  /** Like {@link #named(String, Map)}, for a class already at hand. */
  public static Recipe named(Class<?> type, Map<String, ?> args) {
    return new Recipe(requireType(type).getName(), type, List.of(), named(args), Sharing.WORKER);
  }

  /** The same recipe, built once for the whole process instead of once per worker. */
  public Recipe processWide() {
    return new Recipe(className, type, args, namedArgs, Sharing.PROCESS);
  }

  /** The binary name of the class to build. */
  public String className() {
    return className;
  }

  /** The class, if the recipe was made from one rather than from a name. */
  public Optional<Class<?>> type() {
    return Optional.ofNullable(type);
  }

  /** The positional arguments (empty for a named recipe). */
  public List<Object> args() {
    return args;
  }

  /** The named arguments, or empty for a positional recipe. */
  public Optional<Map<String, Object>> namedArgs() {
    return Optional.ofNullable(namedArgs);
  }

  /**
   * How widely one built instance is shared; {@link Sharing#WORKER} unless {@link #processWide()}.
   */
  public Sharing sharing() {
    return sharing;
  }

  /** The arguments as printed in messages, with secrets masked. */
  public String describeArgs() {
    return namedArgs == null ? Redactor.positional(args, null) : Redactor.named(namedArgs);
  }

  @Override
  public String toString() {
    return "Recipe[" + className + describeArgs() + ", " + sharing + "]";
  }

  private static String requireName(String className) {
    if (className == null) {
      throw nullArgument("the class name");
    }
    return className;
  }

  private static Class<?> requireType(Class<?> type) {
    if (type == null) {
      throw nullArgument("the class");
    }
    return type;
  }

  private static List<Object> positional(Object[] args) {
    return args == null
        ? List.of()
        : Collections.unmodifiableList(new ArrayList<>(Arrays.asList(args)));
  }

  private static Map<String, Object> named(Map<String, ?> args) {
    if (args == null) {
      throw nullArgument("the named-argument map");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    args.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "argument name"), value));
    return Collections.unmodifiableMap(copy);
  }

  private static DiException nullArgument(String what) {
    return Failures.nullArgument(
        "Cannot create a recipe",
        what,
        "Pass the class, or its binary name such as \"com.example.MysqlClient\".");
  }
}

package dev.workerdi.core.internal;

import dev.workerdi.core.Recipe;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Validates a {@link Recipe} without building anything: loads its class without initialising it,
 * checks that it is concrete, and chooses the one public constructor (or, failing that, public
 * static factory) that accepts the arguments. Stateless and thread-safe. Not a supported API.
 */
public final class RecipeResolver {
  private static final Set<String> FACTORY_NAMES = Set.of("of", "create", "newInstance");

  private RecipeResolver() {}

  /** The plan to build {@code recipe}, or a {@code DiException} saying why it cannot be built. */
  public static BuildPlan resolve(DiKey key, Recipe recipe, ClassLoader loader) {
    String described = recipe.className() + recipe.describeArgs();
    Class<?> type = load(key, recipe, loader, described);
    String kind = nonConcreteKind(type);
    if (kind != null) {
      throw CoreErrors.notConcrete(key, described, kind);
    }
    try {
      return recipe
          .namedArgs()
          .map(named -> byName(key, type, named, described))
          .orElseGet(() -> byPosition(key, type, recipe.args(), described));
    } catch (LinkageError e) {
      throw CoreErrors.classNotLoadable(key, described, e);
    }
  }

  private static Class<?> load(DiKey key, Recipe recipe, ClassLoader loader, String described) {
    if (recipe.type().isPresent()) {
      return recipe.type().get();
    }
    try {
      return Class.forName(recipe.className(), false, loader);
    } catch (ClassNotFoundException e) {
      throw CoreErrors.classNotFound(
          key, described, e, ClassNameHints.suggest(recipe.className(), loader).orElse(null));
    } catch (LinkageError e) {
      throw CoreErrors.classNotLoadable(key, described, e);
    }
  }

  private static String nonConcreteKind(Class<?> type) {
    if (type.isAnnotation()) {
      return "an annotation";
    } else if (type.isInterface()) {
      return "an interface";
    } else if (type.isPrimitive() || type.isArray()) {
      return "a primitive or array type";
    } else if (type.isEnum()) {
      return "an enum";
    } else if (Modifier.isAbstract(type.getModifiers())) {
      return "abstract";
    } else if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
      return "an inner (non-static) class";
    }
    return null;
  }

  /**
   * Like a Java call: fixed arity first (an array may fill a varargs parameter), then varargs
   * spread.
   */
  private static BuildPlan byPosition(
      DiKey key, Class<?> type, List<Object> args, String described) {
    for (List<Executable> group : List.of(constructors(type), factories(type))) {
      for (boolean spread : new boolean[] {false, true}) {
        List<Executable> applicable = new ArrayList<>();
        for (Executable candidate : group) {
          if (spread ? acceptsSpread(candidate, args) : accepts(candidate, args)) {
            applicable.add(candidate);
          }
        }
        if (!applicable.isEmpty()) {
          return new BuildPlan(
              type, mostSpecific(key, applicable, described, args.size(), spread), args, spread);
        }
      }
    }
    throw CoreErrors.noMatch(
        key, described, signatures(all(type)), NullPrimitive.find(all(type), args));
  }

  private static BuildPlan byName(
      DiKey key, Class<?> type, Map<String, Object> named, String described) {
    boolean namesCompiled = false;
    List<Executable> matches = new ArrayList<>();
    for (Executable candidate : all(type)) {
      Parameter[] parameters = candidate.getParameters();
      namesCompiled |= parameters.length > 0 && parameters[0].isNamePresent();
      if (namesMatch(parameters, named)) {
        matches.add(candidate);
      }
    }
    if (matches.size() == 1) {
      Executable chosen = matches.get(0);
      List<Object> ordered =
          Arrays.stream(chosen.getParameters()).map(p -> named.get(p.getName())).toList();
      return new BuildPlan(type, chosen, ordered);
    }
    if (matches.size() > 1) {
      throw CoreErrors.ambiguous(key, described, signatures(matches));
    }
    for (Executable candidate : all(type)) {
      Class<?>[] types = candidate.getParameterTypes();
      if (types.length == 1 && (types[0] == Map.class || types[0] == Properties.class)) {
        return new BuildPlan(type, candidate, Collections.singletonList(named));
      }
    }
    if (!namesCompiled && !named.isEmpty()) {
      throw CoreErrors.parameterNamesMissing(key, described);
    }
    throw CoreErrors.noMatch(key, described, signatures(all(type)));
  }

  private static boolean namesMatch(Parameter[] parameters, Map<String, Object> named) {
    if (parameters.length != named.size()) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    for (Parameter parameter : parameters) {
      if (!parameter.isNamePresent()
          || !named.containsKey(parameter.getName())
          || !ArgumentMatcher.accepts(parameter.getType(), named.get(parameter.getName()))) {
        return false;
      }
      seen.add(parameter.getName());
    }
    return seen.equals(named.keySet());
  }

  private static boolean accepts(Executable candidate, List<Object> args) {
    Class<?>[] types = candidate.getParameterTypes();
    if (types.length != args.size()) {
      return false;
    }
    for (int i = 0; i < types.length; i++) {
      if (!ArgumentMatcher.accepts(types[i], args.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean acceptsSpread(Executable candidate, List<Object> args) {
    Class<?>[] types = candidate.getParameterTypes();
    int fixed = types.length - 1;
    if (!candidate.isVarArgs() || args.size() < fixed) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      if (!ArgumentMatcher.accepts(
          i < fixed ? types[i] : types[fixed].getComponentType(), args.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static Executable mostSpecific(
      DiKey key, List<Executable> applicable, String described, int arity, boolean spread) {
    List<Executable> maximal = new ArrayList<>();
    for (Executable candidate : applicable) {
      if (applicable.stream()
          .allMatch(
              other -> other == candidate || atLeastAsSpecific(candidate, other, arity, spread))) {
        maximal.add(candidate);
      }
    }
    if (maximal.size() != 1) {
      throw CoreErrors.ambiguous(key, described, signatures(applicable));
    }
    return maximal.get(0);
  }

  /**
   * Position by position over the call's arguments; all candidates of one phase have the same
   * shape.
   */
  private static boolean atLeastAsSpecific(Executable a, Executable b, int arity, boolean spread) {
    int length =
        spread ? Math.max(arity, Math.max(a.getParameterCount(), b.getParameterCount())) : arity;
    for (int i = 0; i < length; i++) {
      Class<?> ta = typeAt(a, i, spread);
      Class<?> tb = typeAt(b, i, spread);
      // Past the arguments (a varargs position no argument fills), only subtyping counts (JLS
      // 15.12.2.5).
      boolean comparable = i < arity || ta.isPrimitive() == tb.isPrimitive();
      if (!comparable || !ArgumentMatcher.moreSpecific(ta, tb)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The parameter type the {@code i}-th argument goes to; past a spread varargs position, its
   * component.
   */
  private static Class<?> typeAt(Executable executable, int i, boolean spread) {
    Class<?>[] types = executable.getParameterTypes();
    int last = types.length - 1;
    return spread && executable.isVarArgs() && i >= last
        ? types[last].getComponentType()
        : types[i];
  }

  private static List<Executable> constructors(Class<?> type) {
    List<Executable> result = new ArrayList<>();
    for (Constructor<?> constructor : type.getConstructors()) {
      result.add(accessible(constructor));
    }
    result.sort(BY_SIGNATURE);
    return result;
  }

  private static List<Executable> factories(Class<?> type) {
    List<Executable> result = new ArrayList<>();
    for (Method method : type.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())
          && FACTORY_NAMES.contains(method.getName())
          && type.isAssignableFrom(method.getReturnType())
          && method.getDeclaringClass() == type) {
        result.add(accessible(method));
      }
    }
    result.sort(BY_SIGNATURE);
    return result;
  }

  private static final Comparator<Executable> BY_SIGNATURE =
      Comparator.comparing(BuildPlan::signature);

  private static List<Executable> all(Class<?> type) {
    List<Executable> all = new ArrayList<>(constructors(type));
    all.addAll(factories(type));
    return all;
  }

  /** Public members of a non-public class need this to be invoked reflectively. */
  private static <E extends Executable> E accessible(E executable) {
    if (!Modifier.isPublic(executable.getDeclaringClass().getModifiers())) {
      executable.trySetAccessible();
    }
    return executable;
  }

  private static List<String> signatures(List<Executable> executables) {
    return executables.stream().map(BuildPlan::signature).toList();
  }
}

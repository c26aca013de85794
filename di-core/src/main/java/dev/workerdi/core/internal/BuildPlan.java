package dev.workerdi.core.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A validated way to build one recipe: the chosen constructor or static factory and the arguments
 * in parameter order. Building converts the arguments (boxing, widening, {@code Secret}s) each
 * time, so revealed secrets are not kept. Immutable and thread-safe. Not a supported API.
 *
 * @param type the class the recipe names
 * @param executable the chosen public constructor or static factory
 * @param args the arguments in parameter order, not yet converted
 * @param spread whether the trailing arguments fill a varargs parameter, as in a Java call
 */
public record BuildPlan(Class<?> type, Executable executable, List<Object> args, boolean spread) {

  /** A plan whose arguments match the parameters one to one. */
  public BuildPlan(Class<?> type, Executable executable, List<Object> args) {
    this(type, executable, args, false);
  }

  /** Invokes the constructor or factory. */
  Object invoke() throws InvocationTargetException, InstantiationException, IllegalAccessException {
    Object[] converted = convertedArgs();
    if (executable instanceof Constructor<?> constructor) {
      return constructor.newInstance(converted);
    }
    return ((Method) executable).invoke(null, converted);
  }

  private Object[] convertedArgs() {
    Class<?>[] types = executable.getParameterTypes();
    Object[] converted = new Object[types.length];
    int fixed = spread ? types.length - 1 : types.length;
    for (int i = 0; i < fixed; i++) {
      converted[i] = ArgumentMatcher.convert(types[i], args.get(i));
    }
    if (spread) {
      Class<?> component = types[fixed].getComponentType();
      Object rest = Array.newInstance(component, args.size() - fixed);
      for (int i = fixed; i < args.size(); i++) {
        Array.set(rest, i - fixed, ArgumentMatcher.convert(component, args.get(i)));
      }
      converted[fixed] = rest;
    }
    return converted;
  }

  /** Parameter names as compiled, or null when the class has none. */
  String[] parameterNames() {
    Parameter[] parameters = executable.getParameters();
    if (parameters.length > 0 && !parameters[0].isNamePresent()) {
      return null;
    }
    String[] names = Arrays.stream(parameters).map(Parameter::getName).toArray(String[]::new);
    if (spread && args.size() > names.length) {
      String[] spreadNames = Arrays.copyOf(names, args.size());
      Arrays.fill(spreadNames, names.length, spreadNames.length, names[names.length - 1]);
      return spreadNames;
    }
    return names;
  }

  /** {@code MysqlClient(String host, int port)} or {@code static MysqlClient.of(String)}. */
  public String describeExecutable() {
    return signature(executable);
  }

  private static String typeName(
      Executable executable, Parameter parameter, Parameter[] parameters) {
    boolean varargs = executable.isVarArgs() && parameter == parameters[parameters.length - 1];
    return varargs
        ? parameter.getType().getComponentType().getSimpleName() + "..."
        : parameter.getType().getSimpleName();
  }

  static String signature(Executable executable) {
    Parameter[] parameters = executable.getParameters();
    String params =
        Arrays.stream(parameters)
            .map(
                p ->
                    typeName(executable, p, parameters)
                        + (p.isNamePresent() ? " " + p.getName() : ""))
            .collect(Collectors.joining(", ", "(", ")"));
    String owner = executable.getDeclaringClass().getSimpleName();
    return executable instanceof Method
        ? "static " + owner + "." + executable.getName() + params
        : owner + params;
  }
}

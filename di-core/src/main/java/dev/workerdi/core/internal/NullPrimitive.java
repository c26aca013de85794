package dev.workerdi.core.internal;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.List;

/**
 * Explains the commonest reason no constructor accepts a recipe's arguments: a {@code null} given
 * where the only candidates of that arity take a primitive. Stateless and thread-safe. Not a
 * supported API.
 */
final class NullPrimitive {
  private NullPrimitive() {}

  /**
   * {@code argument 2 is null, but parameter int port of Client(String host, int port) is a
   * primitive}, or null.
   */
  static String find(List<Executable> candidates, List<Object> args) {
    for (Executable candidate : candidates) {
      Parameter[] parameters = candidate.getParameters();
      if (parameters.length != args.size()) {
        continue;
      }
      for (int i = 0; i < parameters.length; i++) {
        if (args.get(i) == null && parameters[i].getType().isPrimitive()) {
          Parameter parameter = parameters[i];
          return "argument "
              + (i + 1)
              + " is null, but parameter "
              + parameter.getType().getName()
              + (parameter.isNamePresent() ? " " + parameter.getName() : "")
              + " of "
              + BuildPlan.signature(candidate)
              + " is a primitive, which cannot be null";
        }
      }
    }
    return null;
  }
}

package dev.workerdi.core.internal;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.Phase;
import dev.workerdi.core.spi.CallerLocation;
import java.util.List;

/**
 * The message factories of di-core: one method per message, every message in {@link DiException}'s
 * format. Stateless and thread-safe. Not a supported API.
 */
public final class CoreErrors {
  static final String EAGER_GET_FIX =
      "Resolve it inside onWorkerStart or a worker task (inject Provider<T> and call "
          + "get() there); for a one-off connection before start, open one yourself and close it.";

  private CoreErrors() {}

  static DiException emptyKey(String call) {
    return DiException.builder(ErrorId.EMPTY_KEY, call + ": the key is empty")
        .field("caller", CallerLocation.application())
        .fix("Use a non-blank name such as \"MYSQL\", or a Guice Key.")
        .build();
  }

  static DiException duplicateKey(DiKey key, String newRecipe, RecipeBinding existing) {
    return DiException.builder(
            ErrorId.DUPLICATE_KEY, "Cannot register " + key + ": the key is already registered")
        .field("key", key)
        .field("existing", existing.describe())
        .field("declared", existing.declaredAt())
        .field("new", newRecipe)
        .field("caller", CallerLocation.application())
        .fix("Use another key, or delete(" + key + ") first to replace the binding.")
        .build();
  }

  static DiException classNotFound(
      DiKey key, String recipe, ClassNotFoundException cause, String suggestion) {
    boolean nested = suggestion != null && suggestion.replace('$', '.').equals(cause.getMessage());
    return DiException.builder(
            ErrorId.CLASS_NOT_FOUND,
            "Cannot register " + key + ": class " + cause.getMessage() + " does not exist")
        .field("key", key)
        .field("recipe", recipe)
        .field("similar", suggestion)
        .field("at", CallerLocation.here())
        .fix(
            nested
                ? "Write the binary name "
                    + suggestion
                    + ": a nested class is named Outer$Inner, not Outer.Inner."
                : suggestion != null
                    ? "Use "
                        + suggestion
                        + " if that is the class you meant; class names are case-sensitive "
                        + "binary names (nested classes use '$')."
                    : "Check the spelling and package of the class name (a binary name: nested classes use '$'), "
                        + "and that its jar is on the application's class path.")
        .build();
  }

  static DiException classNotLoadable(DiKey key, String recipe, LinkageError cause) {
    return DiException.builder(
            ErrorId.CLASS_NOT_LOADABLE, "Cannot register " + key + ": the class cannot be loaded")
        .field("key", key)
        .field("recipe", recipe)
        .field("at", CallerLocation.here())
        .cause(cause)
        .fix("Put the classes it needs on the class path, built for this Java version.")
        .build();
  }

  static DiException notConcrete(DiKey key, String recipe, String kind) {
    return DiException.builder(
            ErrorId.CLASS_NOT_CONCRETE, "Cannot register " + key + ": the class is " + kind)
        .field("key", key)
        .field("recipe", recipe)
        .field("at", CallerLocation.here())
        .fix(
            "Name a concrete class with a public constructor or a public static factory "
                + "(of, create, newInstance); bind interfaces in a Guice module instead.")
        .build();
  }

  static DiException noMatch(DiKey key, String recipe, List<String> candidates) {
    return noMatch(key, recipe, candidates, null);
  }

  static DiException noMatch(
      DiKey key, String recipe, List<String> candidates, String nullPrimitive) {
    return DiException.builder(
            ErrorId.NO_MATCHING_CONSTRUCTOR,
            "Cannot register "
                + key
                + ": no public constructor or static factory accepts the arguments")
        .field("key", key)
        .field("recipe", recipe)
        .field("candidates", candidates.isEmpty() ? "(none)" : String.join("\n", candidates))
        .field("problem", nullPrimitive)
        .field("at", CallerLocation.here())
        .fix(
            nullPrimitive != null
                ? "Pass a value for the primitive parameter (null is not an int, long or boolean), or give the class "
                    + "a constructor that takes the boxed type (Integer) if null means \"not set\"."
                : "Pass arguments whose number and types match one of the candidates (boxing, widening and varargs "
                    + "apply as in a Java call).")
        .build();
  }

  static DiException ambiguous(DiKey key, String recipe, List<String> matches) {
    return DiException.builder(
            ErrorId.AMBIGUOUS_CONSTRUCTOR,
            "Cannot register "
                + key
                + ": "
                + matches.size()
                + " constructors or factories accept the arguments equally well")
        .field("key", key)
        .field("recipe", recipe)
        .field("matches", String.join("\n", matches))
        .field("at", CallerLocation.here())
        .fix(
            "Make the choice unique: pass arguments of the exact parameter types, or use named arguments.")
        .build();
  }

  static DiException parameterNamesMissing(DiKey key, String recipe) {
    return DiException.builder(
            ErrorId.PARAMETER_NAMES_MISSING,
            "Cannot register "
                + key
                + ": named arguments were given but the class was compiled without parameter names")
        .field("key", key)
        .field("recipe", recipe)
        .field("at", CallerLocation.here())
        .fix(
            "Compile the class with javac -parameters, give a constructor that takes a Map or Properties, "
                + "or pass the arguments positionally.")
        .build();
  }

  static DiException unknownKey(String call, DiKey key, List<String> known) {
    return DiException.builder(ErrorId.UNKNOWN_KEY, call + ": " + key + " is not registered")
        .field("key", key)
        .field("known", known.isEmpty() ? "(no keys are registered)" : String.join(", ", known))
        .field("caller", CallerLocation.application())
        .fix("Register it first with set(" + key + ", ...), or check the spelling of the key.")
        .build();
  }

  /** A worker-bound binding resolved where no worker runs: before start, or on a foreign thread. */
  public static DiException eagerGet(Object key, String binding, Phase phase, String declaredAt) {
    String where =
        phase.isBeforeWorkers()
            ? "before any worker has started"
            : "on thread '" + Thread.currentThread().getName() + "', which belongs to no worker";
    return DiException.builder(ErrorId.EAGER_GET, "Worker-bound " + key + " was resolved " + where)
        .field("key", key)
        .field("binding", binding)
        .field("phase", phase)
        .field("declared", declaredAt)
        .field("caller", CallerLocation.application())
        .fix(EAGER_GET_FIX)
        .build();
  }

  static DiException registrationClosed(String call, DiKey key, Phase phase) {
    return DiException.builder(
            ErrorId.REGISTRATION_CLOSED, call + " after workers started: bindings are frozen")
        .field("key", key)
        .field("phase", phase)
        .field("caller", CallerLocation.application())
        .fix(
            "Register bindings in frameInitialize, frameInitialized or beforeWorkerStart, before workers start.")
        .build();
  }

  static DiException deleteBound(DiKey key, RecipeBinding binding, Phase phase) {
    return DiException.builder(
            ErrorId.REGISTRATION_CLOSED,
            "delete("
                + key
                + ") after the binding was bound into a Guice injector: an injector cannot forget it")
        .field("key", key)
        .field("binding", binding.describe())
        .field("phase", phase)
        .field("declared", binding.declaredAt())
        .field("caller", CallerLocation.application())
        .fix(
            "Delete it before the host creates its injector (before start, or in a RecipeModule), or register "
                + "the replacement under another key.")
        .build();
  }

  static DiException connectionLike(DiKey key, Object instance, String kind) {
    return DiException.builder(
            ErrorId.CONNECTION_LIKE_INSTANCE,
            "Cannot share " + key + ": the instance is an already-built " + kind)
        .field("key", key)
        .field("instance", instance.getClass().getName())
        .field("at", CallerLocation.here())
        .fix(
            "Register a recipe instead, set("
                + key
                + ", TheClass.class, args...), so that each worker "
                + "builds its own on first use: one connection shared by all workers mixes their traffic on one socket. "
                + "An AutoCloseable that truly holds no I/O can be a recipe with Recipe.of(...).processWide().")
        .build();
  }

  static DiException constructorFailed(RecipeBinding binding, Throwable cause) {
    return DiException.builder(
            ErrorId.RECIPE_CONSTRUCTOR_FAILED,
            "Cannot build "
                + binding.key()
                + ": "
                + binding.plan().describeExecutable()
                + " threw "
                + cause.getClass().getSimpleName())
        .field("key", binding.key())
        .field("recipe", binding.describe())
        .field("declared", binding.declaredAt())
        .cause(cause)
        .fix(
            "Fix the failure in the constructor, or the arguments given to it; the binding stays registered "
                + "and the next get() tries again.")
        .build();
  }

  static DiException classInitFailed(RecipeBinding binding, Throwable cause) {
    Throwable root =
        cause instanceof ExceptionInInitializerError init && init.getCause() != null
            ? init.getCause()
            : cause;
    return DiException.builder(
            ErrorId.RECIPE_CLASS_INIT_FAILED,
            "Cannot build "
                + binding.key()
                + ": the static initialiser of "
                + binding.plan().type().getName()
                + " failed")
        .field("key", binding.key())
        .field("recipe", binding.describe())
        .field("declared", binding.declaredAt())
        .cause(root)
        .fix(
            "Fix the class's static initialiser (static fields and static blocks); a class whose "
                + "initialisation failed cannot be used again in this JVM.")
        .build();
  }

  static DiException returnedNull(RecipeBinding binding) {
    return DiException.builder(
            ErrorId.RECIPE_RETURNED_NULL,
            "Cannot build "
                + binding.key()
                + ": "
                + binding.plan().describeExecutable()
                + " returned null")
        .field("key", binding.key())
        .field("recipe", binding.describe())
        .field("declared", binding.declaredAt())
        .fix("Make the factory return an instance, or throw an exception that says why it cannot.")
        .build();
  }

  /** A binding needed itself while it was being built. */
  public static DiException circular(Object key, String declaredAt) {
    return DiException.builder(
            ErrorId.CIRCULAR_RESOLUTION,
            "Cannot build " + key + ": it was requested again while it was being built")
        .field("key", key)
        .field("declared", declaredAt)
        .field("caller", CallerLocation.application())
        .fix("Break the cycle: inject Provider<T> and call get() later, outside the constructor.")
        .build();
  }

  static DiException wrongType(DiKey key, Object instance, Class<?> wanted) {
    return DiException.builder(
            ErrorId.WRONG_TYPE,
            "get("
                + key
                + ", "
                + wanted.getSimpleName()
                + ".class): the instance is a "
                + instance.getClass().getName())
        .field("key", key)
        .field("wanted", wanted.getName())
        .field("actual", instance.getClass().getName())
        .field("caller", CallerLocation.application())
        .fix("Ask for a type the instance has, or get(" + key + ") without a type.")
        .build();
  }

  static DiException keyTypeMismatch(DiKey key, Class<?> built) {
    return DiException.builder(
            ErrorId.WRONG_TYPE,
            "Cannot register "
                + key
                + ": the recipe builds a "
                + built.getName()
                + ", which is not a "
                + key.guiceKey().getTypeLiteral())
        .field("key", key)
        .field("recipe", built.getName())
        .field("at", CallerLocation.here())
        .fix("Bind the recipe under a key of a type the class implements, or name another class.")
        .build();
  }
}

package dev.workerdi.core.internal;

import dev.workerdi.core.BindingInfo;
import dev.workerdi.core.DiException;
import dev.workerdi.core.Sharing;
import dev.workerdi.core.spi.Redactor;
import java.lang.reflect.InvocationTargetException;

/**
 * One registered binding: a validated recipe (or an already-built process-wide instance), its key,
 * sharing and where it was declared. Building is thread-safe; caching per worker is the caller's.
 * Immutable and thread-safe. Not a supported API.
 */
final class RecipeBinding {
  private final DiKey key;
  private final BuildPlan plan;
  private final Object instance;
  private final Sharing sharing;
  private final String declaredAt;
  private final String described;

  private RecipeBinding(
      DiKey key,
      BuildPlan plan,
      Object instance,
      Sharing sharing,
      String declaredAt,
      String described) {
    this.key = key;
    this.plan = plan;
    this.instance = instance;
    this.sharing = sharing;
    this.declaredAt = declaredAt;
    this.described = described;
  }

  static RecipeBinding recipe(DiKey key, BuildPlan plan, Sharing sharing, String declaredAt) {
    String args = Redactor.positional(plan.args(), plan.parameterNames());
    return new RecipeBinding(
        key, plan, null, sharing, declaredAt, plan.describeExecutable() + " with " + args);
  }

  static RecipeBinding instance(DiKey key, Object instance, String declaredAt) {
    return new RecipeBinding(
        key,
        null,
        instance,
        Sharing.PROCESS,
        declaredAt,
        "instance of " + instance.getClass().getName());
  }

  DiKey key() {
    return key;
  }

  BuildPlan plan() {
    return plan;
  }

  Sharing sharing() {
    return sharing;
  }

  String declaredAt() {
    return declaredAt;
  }

  /** The recipe as printed in messages, secrets masked, with its sharing. */
  String describe() {
    return described + " (" + (sharing == Sharing.WORKER ? "worker-bound" : "process-wide") + ")";
  }

  BindingInfo info() {
    Class<?> type = plan != null ? plan.type() : instance.getClass();
    return new BindingInfo(key.guiceKey(), key.name(), type, sharing, declaredAt, describe());
  }

  /** Builds a new instance, translating every failure into the catalog's messages. */
  Object build() {
    if (instance != null) {
      return instance;
    }
    Object built;
    try {
      built = plan.invoke();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DiException nested) {
        throw nested;
      }
      throw cause instanceof ExceptionInInitializerError
          ? CoreErrors.classInitFailed(this, cause)
          : CoreErrors.constructorFailed(this, cause);
    } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
      throw CoreErrors.classInitFailed(this, e);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw CoreErrors.constructorFailed(this, e);
    }
    if (built == null) {
      throw CoreErrors.returnedNull(this);
    }
    return built;
  }
}

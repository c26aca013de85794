package dev.workerdi.lifecycle.internal.host;

import com.google.inject.BindingAnnotation;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.Phase;
import dev.workerdi.core.PhaseGate;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.core.spi.CallerLocation;
import dev.workerdi.lifecycle.WorkerHost;
import jakarta.inject.Qualifier;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;

/**
 * One annotated hook method on one module instance, with its phase. Invoking it injects each
 * parameter from the injector (by type and binding annotation), or the host's own objects for
 * {@link Di}, {@link PhaseGate}, {@link WorkerHost} and {@link WorkerContext}. Immutable and
 * thread-safe. Not a supported API.
 *
 * @param phase the phase the hook runs in
 * @param module the module instance declaring it
 * @param method the hook method
 */
record Hook(Phase phase, Object module, Method method) {

  /** Calls the hook; any failure becomes a {@link ErrorId#HOOK_FAILED} naming the hook. */
  void invoke(Injector injector, Di di, WorkerHost host, WorkerContext worker) {
    Object[] args = new Object[method.getParameterCount()];
    try {
      Parameter[] parameters = method.getParameters();
      CallerLocation.as(
          declaredAt(),
          () -> {
            for (int i = 0; i < args.length; i++) {
              args[i] = argument(parameters[i], injector, di, host, worker);
            }
          });
      method.invoke(module, args);
    } catch (InvocationTargetException e) {
      throw LifecycleErrors.hookFailed(this, worker, e.getCause());
    } catch (IllegalAccessException | RuntimeException e) {
      throw LifecycleErrors.hookFailed(this, worker, e);
    }
  }

  private static Object argument(
      Parameter parameter, Injector injector, Di di, WorkerHost host, WorkerContext worker) {
    Class<?> type = parameter.getType();
    if (type == WorkerContext.class && worker != null) {
      return worker;
    } else if (type == Di.class) {
      return di;
    } else if (type == PhaseGate.class) {
      return di.phases();
    } else if (type == WorkerHost.class) {
      return host;
    }
    Annotation qualifier = bindingAnnotation(parameter);
    Key<?> key =
        qualifier == null
            ? Key.get(parameter.getParameterizedType())
            : Key.get(parameter.getParameterizedType(), qualifier);
    return injector.getInstance(key);
  }

  private static Annotation bindingAnnotation(Parameter parameter) {
    for (Annotation annotation : parameter.getAnnotations()) {
      Class<? extends Annotation> type = annotation.annotationType();
      if (type.isAnnotationPresent(BindingAnnotation.class)
          || type.isAnnotationPresent(Qualifier.class)) {
        return annotation;
      }
    }
    return null;
  }

  /** {@code AppModule.warmUp} as printed in logs and messages. */
  String name() {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName();
  }

  /** Where the hook is declared: the class and, when known from {@code cause}, the line. */
  String location(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        if (frame.getClassName().equals(method.getDeclaringClass().getName())
            && frame.getMethodName().equals(method.getName())) {
          return frame.toString();
        }
      }
    }
    return declaredAt();
  }

  /**
   * {@code com.example.AppModule.warmUp(AppModule.java)}: methods have no line number of their own.
   */
  String declaredAt() {
    return CallerLocation.describe(method);
  }

  /** Rejects hook methods that cannot be called. */
  static void check(Phase phase, Method method) {
    if (Modifier.isStatic(method.getModifiers())
        || method.getReturnType() != void.class
        || method.getTypeParameters().length > 0) {
      throw DiException.builder(
              ErrorId.HOOK_INVALID,
              "Hook "
                  + method.getDeclaringClass().getSimpleName()
                  + "."
                  + method.getName()
                  + " cannot be called")
          .field("phase", phase)
          .field("method", method.toGenericString())
          .fix(
              "Make lifecycle hooks non-static, non-generic instance methods of the module that return void.")
          .build();
    }
  }
}

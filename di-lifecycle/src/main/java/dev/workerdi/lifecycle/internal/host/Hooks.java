package dev.workerdi.lifecycle.internal.host;

import com.google.inject.Module;
import dev.workerdi.core.Phase;
import dev.workerdi.lifecycle.BeforeWorkerStart;
import dev.workerdi.lifecycle.FrameInitialize;
import dev.workerdi.lifecycle.FrameInitialized;
import dev.workerdi.lifecycle.OnWorkerStart;
import dev.workerdi.lifecycle.OnWorkerStop;
import dev.workerdi.lifecycle.Shutdown;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The hooks declared on a list of modules, by phase, in module order then declaration order. Class
 * files keep methods in source order and javac emits them so; {@link Class#getDeclaredMethods()}
 * does not promise it, so methods are ordered by their position in the class file where the JVM
 * reports it, which HotSpot does. Immutable and thread-safe. Not a supported API.
 */
final class Hooks {
  private static final Map<Class<? extends Annotation>, Phase> PHASES =
      Map.of(
          FrameInitialize.class, Phase.FRAME_INITIALIZE,
          FrameInitialized.class, Phase.FRAME_INITIALIZED,
          BeforeWorkerStart.class, Phase.BEFORE_WORKER_START,
          OnWorkerStart.class, Phase.ON_WORKER_START,
          OnWorkerStop.class, Phase.ON_WORKER_STOP,
          Shutdown.class, Phase.SHUTDOWN);

  private final Map<Phase, List<Hook>> byPhase = new EnumMap<>(Phase.class);

  Hooks(List<? extends Module> modules) {
    for (Phase phase : Phase.values()) {
      byPhase.put(phase, new ArrayList<>());
    }
    for (Module module : modules) {
      for (Class<?> type = module.getClass();
          type != null && type != Object.class;
          type = type.getSuperclass()) {
        collect(module, type);
      }
    }
  }

  private void collect(Object module, Class<?> type) {
    for (Method method : SourceOrder.declaredMethods(type)) {
      for (Map.Entry<Class<? extends Annotation>, Phase> entry : PHASES.entrySet()) {
        if (method.isAnnotationPresent(entry.getKey())) {
          Hook.check(entry.getValue(), method);
          method.trySetAccessible();
          byPhase.get(entry.getValue()).add(new Hook(entry.getValue(), module, method));
        }
      }
    }
  }

  /** The hooks of {@code phase}, in order. */
  List<Hook> of(Phase phase) {
    return byPhase.get(phase);
  }

  /** How many hooks there are in all. */
  int count() {
    return byPhase.values().stream().mapToInt(List::size).sum();
  }
}

package dev.workerdi.lifecycle.junit;

import com.google.inject.Module;
import java.util.List;

/**
 * A step that {@link ModuleValidationExtension} runs after the modules validated: for example a
 * boot of the pre-start phases (frameInitialize, frameInitialized, beforeWorkerStart) with no
 * workers, to find what only running the hooks can. Found with {@link java.util.ServiceLoader}:
 * list the implementation in {@code META-INF/services/dev.workerdi.lifecycle.junit.PreStartBoot}.
 * Every implementation found runs, in the order found. Implementations must be thread-safe.
 */
public interface PreStartBoot {

  /** Boots {@code modules}; throws (any exception) to fail the test class. */
  void boot(List<Module> modules);
}

package dev.workerdi.samples.persistent;

import dev.workerdi.lifecycle.WorkerHost;
import java.util.List;

/** Runs a polluting request, then an inspecting one, in the same worker. Stateless. */
final class Pollution {
  private Pollution() {}

  @FunctionalInterface
  interface Polluter {
    void run() throws Exception;
  }

  @FunctionalInterface
  interface Inspector {
    List<String> run() throws Exception;
  }

  static List<String> check(WorkerHost host, Polluter polluter, Inspector inspector)
      throws Exception {
    host.submit(
            0,
            () -> {
              polluter.run();
              return null;
            })
        .get();
    return host.submit(0, inspector::run).get();
  }
}

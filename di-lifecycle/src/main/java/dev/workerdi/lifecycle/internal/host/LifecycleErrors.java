package dev.workerdi.lifecycle.internal.host;

import com.google.inject.ProvisionException;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.WorkerContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message factories of di-lifecycle's host: one method per message, in {@link DiException}'s
 * format. Stateless and thread-safe. Not a supported API.
 */
final class LifecycleErrors {
  private LifecycleErrors() {}

  /**
   * A hook's failure. A {@link DiException} keeps its own id (a budget failure stays {@code
   * DI-304}, an unreachable database {@code DI-308}) with the phase and hook added as context
   * lines; any other exception becomes {@code DI-201} naming the hook, with the exception as its
   * cause.
   */
  static DiException hookFailed(Hook hook, WorkerContext worker, Throwable cause) {
    Throwable shown =
        cause instanceof ProvisionException provision && provision.getCause() != null
            ? provision.getCause()
            : cause;
    if (shown instanceof DiException known) {
      Map<String, Object> context = new LinkedHashMap<>();
      if (!known.getMessage().contains("\n  phase:")) {
        context.put("phase", hook.phase());
      }
      context.put("hook", hook.location(shown));
      context.put("worker", worker == null ? null : worker.name());
      return known.withContext(context);
    }
    return DiException.builder(
            ErrorId.HOOK_FAILED,
            "Hook "
                + hook.name()
                + " failed in "
                + hook.phase()
                + (worker == null ? "" : " of worker '" + worker.name() + "'"))
        .field("phase", hook.phase())
        .field("module", hook.module().getClass().getName())
        .field("method", hook.location(shown))
        .cause(shown)
        .fix(
            "Fix the hook; the start was aborted and everything already started was stopped in reverse order.")
        .build();
  }

  static DiException notRunning(String call, Object state) {
    String fix =
        switch (String.valueOf(state)) {
          case "NEW", "STARTING" ->
              "Call start() first; submit tasks only while the host runs (between start() and stop()).";
          default ->
              "A stopped host does not start again: build a new WorkerHost (with a new Di) to run tasks again.";
        };
    return DiException.builder(ErrorId.HOST_STATE, call + ": the worker host is " + state)
        .field("state", state)
        .fix(fix)
        .build();
  }

  static DiException noSuchWorker(int worker, int workers) {
    return DiException.builder(
            ErrorId.BAD_ARGUMENT, "submit(" + worker + ", task): there is no worker " + worker)
        .field("workers", workers + " (numbered 0 to " + (workers - 1) + ")")
        .fix(
            "Pass a worker number from 0 to workerCount() - 1, or call submit(task) to let the host choose.")
        .build();
  }

  static DiException stopBeforeStart() {
    return DiException.builder(ErrorId.HOST_STATE, "stop(): the worker host was never started")
        .field("state", "NEW")
        .fix(
            "Call start() before stop(); stop() ends a running host. Nothing was changed: the host can still be "
                + "started. To discard a host that will not be started, call close().")
        .build();
  }

  static DiException alreadyStarted(Object state) {
    return DiException.builder(ErrorId.HOST_STATE, "start(): the worker host is already " + state)
        .field("state", state)
        .fix("A host starts once; build a new one (with a new Di) to start again.")
        .build();
  }

  static DiException stopTimedOut(String worker, int cancelled, Duration drain) {
    return DiException.builder(
            ErrorId.STOP_TIMEOUT,
            cancelled
                + " task(s) of worker '"
                + worker
                + "' did not finish within "
                + drain.toMillis()
                + " ms and were interrupted")
        .field("worker", worker)
        .field("drain", drain)
        .fix("Give stop() a longer drain time, or make long tasks respond to interruption.")
        .build();
  }

  static DiException badWorkerCount(int workers) {
    return DiException.builder(
            ErrorId.HOST_STATE, "A worker host needs at least one worker, not " + workers)
        .field("workers", workers)
        .fix("Pass workers(n) with n >= 1; the default is the number of cores.")
        .build();
  }
}

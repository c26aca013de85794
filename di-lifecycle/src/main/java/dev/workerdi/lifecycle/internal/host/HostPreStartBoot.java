package dev.workerdi.lifecycle.internal.host;

import com.google.inject.Module;
import com.google.inject.Stage;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.lifecycle.junit.PreStartBoot;
import java.util.List;

/**
 * The pre-start boot the JUnit extension runs after static validation: frameInitialize through
 * beforeWorkerStart on a fresh container with no workers, failing with every hook that resolved a
 * worker-bound binding (or failed otherwise), numbered. Stateless and thread-safe. Not a supported
 * API; found through {@code META-INF/services}.
 */
public final class HostPreStartBoot implements PreStartBoot {

  @Override
  public void boot(List<Module> modules) {
    DefaultWorkerHost host =
        new DefaultWorkerHost(
            List.copyOf(modules), 1, Di.create(), Stage.DEVELOPMENT, false, "boot-check");
    List<DiException> failures = host.dryRunPreStart();
    if (failures.isEmpty()) {
      return;
    }
    StringBuilder report = new StringBuilder();
    for (int i = 0; i < failures.size(); i++) {
      report
          .append(i + 1)
          .append(") ")
          .append(failures.get(i).getMessage().replace("\n", "\n   "))
          .append("\n");
    }
    DiException error =
        DiException.builder(
                ErrorId.PRE_START_RESOLUTION,
                failures.size() + " pre-start hook(s) failed with no workers running")
            .field("hooks", "\n" + report.toString().stripTrailing())
            .fix(
                "Move worker-bound resolution out of frameInitialize, frameInitialized and beforeWorkerStart hooks: "
                    + "into @OnWorkerStart hooks or worker tasks.")
            .build();
    failures.forEach(error::addSuppressed);
    throw error;
  }
}

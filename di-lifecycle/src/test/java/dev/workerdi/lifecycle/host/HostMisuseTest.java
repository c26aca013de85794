package dev.workerdi.lifecycle.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.Phase;
import dev.workerdi.lifecycle.OnWorkerStart;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.Golden;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Lifecycle misuse is never silent: each gets one clear error and changes nothing. */
class HostMisuseTest {

  static final class Counting extends AbstractModule {
    final AtomicInteger started = new AtomicInteger();

    @OnWorkerStart
    void started() {
      started.incrementAndGet();
    }
  }

  @Test
  void stopBeforeStartFailsAndLeavesTheHostStartable() throws Exception {
    Counting module = new Counting();
    WorkerHost host = WorkerHost.builder().workers(2).shutdownHook(false).modules(module).build();
    DiException error = assertThrows(DiException.class, () -> host.stop(Duration.ofSeconds(1)));
    assertEquals(ErrorId.HOST_STATE, error.id());
    Golden.assertMatches("lifecycle/stop_before_start", error.getMessage());
    assertEquals(Phase.FRAME_INITIALIZE, host.di().phases().current(), "nothing ran");
    host.start();
    assertEquals(2, module.started.get());
    assertEquals(7, host.submit(() -> 7).get());
    host.stop(Duration.ofSeconds(1));
    host.stop(Duration.ofSeconds(1));
  }

  @Test
  void closeBeforeStartDiscardsTheHost() {
    WorkerHost host = WorkerHost.builder().workers(1).shutdownHook(false).build();
    host.close();
    DiException error = assertThrows(DiException.class, host::start);
    assertEquals(ErrorId.HOST_STATE, error.id());
    host.close();
  }

  @Test
  void submitToAWorkerThatDoesNotExistNamesTheRange() {
    WorkerHost host = WorkerHost.builder().workers(2).shutdownHook(false).build();
    host.start();
    try {
      DiException error = assertThrows(DiException.class, () -> host.submit(2, () -> 1));
      assertEquals(ErrorId.BAD_ARGUMENT, error.id());
      Golden.assertMatches("lifecycle/submit_unknown_worker", error.getMessage());
      assertThrows(DiException.class, () -> host.submit(-1, () -> 1));
    } finally {
      host.stop(Duration.ofSeconds(1));
    }
  }
}

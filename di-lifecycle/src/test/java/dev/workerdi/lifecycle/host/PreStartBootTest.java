package dev.workerdi.lifecycle.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.lifecycle.BeforeWorkerStart;
import dev.workerdi.lifecycle.FrameInitialized;
import dev.workerdi.lifecycle.OnWorkerStart;
import dev.workerdi.lifecycle.RecipeModule;
import dev.workerdi.lifecycle.RecipeRegistry;
import dev.workerdi.lifecycle.junit.ModuleValidationExtension;
import dev.workerdi.testing.Golden;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

/** The JUnit extension boots the pre-start phases with no workers and reports every eager hook. */
class PreStartBootTest {

  static final class Recipes extends RecipeModule {
    @Override
    protected void recipes(RecipeRegistry r) {
      r.set("CLIENT", HostFixtures.Client.class, "client");
    }
  }

  static final class Eager extends AbstractModule {
    @FrameInitialized
    void peek(Di di) {
      di.get("CLIENT");
    }

    @BeforeWorkerStart
    void warmUp(@Named("CLIENT") HostFixtures.Client client) {
      client.close();
    }
  }

  static final class Correct extends AbstractModule {
    @OnWorkerStart
    void warmUp(@Named("CLIENT") HostFixtures.Client client) {
      client.close();
    }
  }

  @Test
  void everyHookThatResolvesAWorkerBoundBindingIsReported() {
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () -> ModuleValidationExtension.assertValid(new Recipes(), new Eager()));
    DiException error = (DiException) failure.getCause();
    assertEquals(ErrorId.PRE_START_RESOLUTION, error.id());
    assertEquals(2, error.getSuppressed().length);
    Golden.assertMatches("lifecycle/pre_start_boot_eager_hooks", error.getMessage());
  }

  @Test
  void modulesThatWaitForWorkersPass() {
    ModuleValidationExtension.assertValid(new Recipes(), new Correct());
  }
}

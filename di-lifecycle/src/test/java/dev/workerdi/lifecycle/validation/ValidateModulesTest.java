package dev.workerdi.lifecycle.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.lifecycle.junit.ValidateModules;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @ValidateModules} on correct modules: the class runs, after the boot step saw the modules.
 */
@ValidateModules({Samples.CorrectModule.class, Samples.JdbcRecipes.class})
class ValidateModulesTest {

  @Test
  void correctModulesValidateAndAreBooted() {
    assertTrue(
        RecordingBoot.BOOTED.contains(
            List.of(Samples.CorrectModule.class, Samples.JdbcRecipes.class)),
        RecordingBoot.BOOTED::toString);
  }
}

package dev.workerdi.lifecycle.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.testing.Golden;
import dev.workerdi.lifecycle.junit.ModuleValidationExtension;
import dev.workerdi.lifecycle.junit.ValidateModules;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The extension fails a test class whose modules break the rules, with the whole report. */
class ModuleValidationExtensionTest {

  /** Run only through the test kit (surefire skips nested classes). */
  @ValidateModules({Samples.ConnectionModule.class, Samples.TransitiveModule.class, Samples.BrokenRecipes.class})
  static final class BrokenModulesCase {
    @Test
    void neverRuns() {}
  }

  /** A module the extension cannot create. */
  static final class NoDefaultConstructor extends com.google.inject.AbstractModule {
    NoDefaultConstructor(String unused) {}
  }

  @ValidateModules(NoDefaultConstructor.class)
  static final class UncreatableModuleCase {
    @Test
    void neverRuns() {}
  }

  @Test
  void brokenModulesFailTheTestClassWithTheNumberedReport() {
    EngineExecutionResults results = run(BrokenModulesCase.class);
    results.testEvents().assertStatistics(stats -> stats.started(0));
    Throwable failure = onlyFailedContainer(results);
    assertInstanceOf(AssertionError.class, failure);
    assertEquals(ErrorId.VALIDATION_FAILED, assertInstanceOf(DiException.class, failure.getCause()).id());
    Golden.assertMatches("lifecycle/validation_extension_report", failure.getMessage());
    assertFalse(RecordingBoot.BOOTED.stream().anyMatch(booted -> booted.contains(Samples.ConnectionModule.class)),
        "the boot step must not run when validation fails");
  }

  @Test
  void uncreatableModuleIsAConfigurationError() {
    Throwable failure = onlyFailedContainer(run(UncreatableModuleCase.class));
    assertInstanceOf(ExtensionConfigurationException.class, failure);
    assertEquals("@ValidateModules on " + UncreatableModuleCase.class.getName() + " cannot create "
        + NoDefaultConstructor.class.getName() + " (java.lang.NoSuchMethodException: "
        + NoDefaultConstructor.class.getName() + ".<init>()): give the module a no-arg constructor that does not throw.",
        failure.getMessage());
  }

  @Test
  void assertValidThrowsTheReportForBrokenModules() {
    AssertionError failure = assertThrows(AssertionError.class,
        () -> ModuleValidationExtension.assertValid(new Samples.SingletonModule()));
    assertEquals(ErrorId.VALIDATION_FAILED, ((DiException) failure.getCause()).id());
    Golden.assertMatches("lifecycle/validation_assert_valid", failure.getMessage());
  }

  @Test
  void assertValidPassesAndBootsCorrectModules() {
    ModuleValidationExtension.assertValid(new Samples.CorrectModule(), new Samples.JdbcRecipes());
    assertFalse(RecordingBoot.BOOTED.stream()
        .noneMatch(List.of(Samples.CorrectModule.class, Samples.JdbcRecipes.class)::equals));
  }

  private static EngineExecutionResults run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
  }

  private static Throwable onlyFailedContainer(EngineExecutionResults results) {
    List<Event> failed = results.containerEvents().failed().list();
    assertEquals(1, failed.size(), failed::toString);
    return failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
  }
}

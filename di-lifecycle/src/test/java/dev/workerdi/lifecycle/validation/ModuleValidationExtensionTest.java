package dev.workerdi.lifecycle.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.lifecycle.junit.ModuleValidationExtension;
import dev.workerdi.lifecycle.junit.ValidateModules;
import dev.workerdi.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The extension fails a test class whose modules break the rules, with the whole report. */
class ModuleValidationExtensionTest {

  /** Run only through the test kit (surefire skips nested classes). */
  @ValidateModules({
    Samples.ConnectionModule.class,
    Samples.TransitiveModule.class,
    Samples.BrokenRecipes.class
  })
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

  /** Modules built by factories of the test class, like JdbcModule.of(settings). */
  @ValidateModules(
      value = Samples.CorrectModule.class,
      factories = {"built", "several"})
  static final class FactoryCase {
    static com.google.inject.Module built() {
      return new NoDefaultConstructor("built by a factory");
    }

    private static List<com.google.inject.Module> several() {
      return List.of(new Samples.JdbcRecipes());
    }

    @Test
    void runs() {}
  }

  @ValidateModules(factories = "broken")
  static final class BrokenFactoryCase {
    static com.google.inject.Module broken() {
      return new Samples.SingletonModule();
    }

    @Test
    void neverRuns() {}
  }

  @ValidateModules(factories = "missing")
  static final class MissingFactoryCase {
    @Test
    void neverRuns() {}
  }

  @Test
  void factoriesSupplyModulesThatHaveNoNoArgConstructor() {
    EngineExecutionResults results = run(FactoryCase.class);
    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    assertFalse(
        RecordingBoot.BOOTED.stream()
            .noneMatch(
                List.of(
                        Samples.CorrectModule.class,
                        NoDefaultConstructor.class,
                        Samples.JdbcRecipes.class)
                    ::equals),
        RecordingBoot.BOOTED::toString);
  }

  @Test
  void modulesFromAFactoryAreValidatedLikeListedOnes() {
    Throwable failure = onlyFailedContainer(run(BrokenFactoryCase.class));
    assertEquals(
        ErrorId.VALIDATION_FAILED, assertInstanceOf(DiException.class, failure.getCause()).id());
  }

  @Test
  void aMissingFactoryIsAConfigurationErrorNamingIt() {
    Throwable failure = onlyFailedContainer(run(MissingFactoryCase.class));
    assertInstanceOf(ExtensionConfigurationException.class, failure);
    assertEquals(
        "@ValidateModules names factory \"missing\" but "
            + MissingFactoryCase.class.getName()
            + " has no static no-arg method of that name: declare static Module missing() { return ...; } "
            + "(it may return a Module, a Module[] or a List<Module>).",
        failure.getMessage());
  }

  @Test
  void brokenModulesFailTheTestClassWithTheNumberedReport() {
    EngineExecutionResults results = run(BrokenModulesCase.class);
    results.testEvents().assertStatistics(stats -> stats.started(0));
    Throwable failure = onlyFailedContainer(results);
    assertInstanceOf(AssertionError.class, failure);
    assertEquals(
        ErrorId.VALIDATION_FAILED, assertInstanceOf(DiException.class, failure.getCause()).id());
    Golden.assertMatches("lifecycle/validation_extension_report", failure.getMessage());
    assertFalse(
        RecordingBoot.BOOTED.stream()
            .anyMatch(booted -> booted.contains(Samples.ConnectionModule.class)),
        "the boot step must not run when validation fails");
  }

  @Test
  void uncreatableModuleIsAConfigurationError() {
    Throwable failure = onlyFailedContainer(run(UncreatableModuleCase.class));
    assertInstanceOf(ExtensionConfigurationException.class, failure);
    assertEquals(
        "@ValidateModules on "
            + UncreatableModuleCase.class.getName()
            + " cannot create "
            + NoDefaultConstructor.class.getName()
            + " (java.lang.NoSuchMethodException: "
            + NoDefaultConstructor.class.getName()
            + ".<init>()): give the module a no-arg constructor that does not throw.",
        failure.getMessage());
  }

  @Test
  void assertValidThrowsTheReportForBrokenModules() {
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () -> ModuleValidationExtension.assertValid(new Samples.SingletonModule()));
    assertEquals(ErrorId.VALIDATION_FAILED, ((DiException) failure.getCause()).id());
    Golden.assertMatches("lifecycle/validation_assert_valid", failure.getMessage());
  }

  @Test
  void assertValidPassesAndBootsCorrectModules() {
    ModuleValidationExtension.assertValid(new Samples.CorrectModule(), new Samples.JdbcRecipes());
    assertFalse(
        RecordingBoot.BOOTED.stream()
            .noneMatch(List.of(Samples.CorrectModule.class, Samples.JdbcRecipes.class)::equals));
  }

  private static EngineExecutionResults run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
  }

  private static Throwable onlyFailedContainer(EngineExecutionResults results) {
    List<Event> failed = results.containerEvents().failed().list();
    assertEquals(1, failed.size(), failed::toString);
    return failed
        .get(0)
        .getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .orElseThrow()
        .getThrowable()
        .orElseThrow();
  }
}

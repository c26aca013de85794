package dev.workerdi.jdbc.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.spi.Message;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.Transactional;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.Api;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.Audited;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.BothWays;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.FinalClass;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.FinalMethod;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.Fine;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.NoAttempts;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.OnInterfaceOnly;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.OverridesWithout;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.PrivateMethod;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.ProvidesFine;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.StaticMethod;
import dev.workerdi.jdbc.tx.TransactionalMisuseTest.UnknownDatabase;
import dev.workerdi.lifecycle.Validation;
import dev.workerdi.lifecycle.ValidationReport;
import dev.workerdi.lifecycle.ValidationReport.Problem;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.lifecycle.junit.ModuleValidationExtension;
import dev.workerdi.lifecycle.junit.ValidateModules;
import dev.workerdi.testing.Golden;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * {@code @Transactional} that Guice would ignore is reported by every validation entry point with
 * the same id and text: {@code Validation.validate} (the modules alone, nothing built), {@code
 * assertValid} and {@code @ValidateModules} (the numbered report), and {@code WorkerHost.start}
 * (when the injector is created). Each static problem matches the golden file the injector-time
 * error is pinned by in {@link TransactionalMisuseTest}, and for each case the boot reports exactly
 * the problems static validation reports. Nothing connects: the settings point nowhere.
 */
class TransactionalValidationTest {

  /** Injects a class that nothing binds: Guice constructs it just in time. */
  static class NeedsPrivateMethod {
    @Inject
    NeedsPrivateMethod(PrivateMethod dependency) {}
  }

  /** The annotation on the interface and on the implementation: intercepted. */
  static class OnBoth implements Api {
    @Override
    @Transactional
    public void run() {}
  }

  /** Several misuses in one module, for the numbered report. */
  static final class Misused extends AbstractModule {
    @Override
    protected void configure() {
      bind(PrivateMethod.class);
      bind(Fine.class).toInstance(new Fine());
      bind(UnknownDatabase.class);
    }
  }

  /** One misuse, the module that makes it, and the golden file of its message. */
  private record Case(String golden, ErrorId id, Module module) {}

  private static Module module(Consumer<com.google.inject.Binder> configure) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        configure.accept(binder());
      }
    };
  }

  private static final List<Case> CASES =
      List.of(
          new Case(
              "not_intercepted_private",
              ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
              module(b -> b.bind(PrivateMethod.class))),
          new Case(
              "not_intercepted_final_method",
              ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
              module(b -> b.bind(FinalMethod.class))),
          new Case(
              "not_intercepted_static",
              ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
              module(b -> b.bind(StaticMethod.class))),
          new Case(
              "not_intercepted_final_class",
              ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
              module(b -> b.bind(FinalClass.class))),
          new Case(
              "not_intercepted_interface",
              ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
              module(b -> b.bind(OnInterfaceOnly.class))),
          new Case(
              "not_intercepted_interface",
              ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
              module(b -> b.bind(Api.class).to(OnInterfaceOnly.class))),
          new Case(
              "not_intercepted_override",
              ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
              module(b -> b.bind(OverridesWithout.class))),
          new Case(
              "not_intercepted_instance",
              ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
              module(b -> b.bind(Fine.class).toInstance(new Fine()))),
          new Case(
              "not_intercepted_instance",
              ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
              module(b -> b.requestInjection(new Fine()))),
          new Case(
              "not_intercepted_provides",
              ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
              new ProvidesFine()),
          new Case(
              "not_intercepted_private",
              ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
              module(b -> b.bind(NeedsPrivateMethod.class))),
          new Case(
              "not_intercepted_final_method",
              ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
              module(b -> b.getProvider(FinalMethod.class))),
          new Case(
              "unknown_database",
              ErrorId.TRANSACTIONAL_UNKNOWN_DATABASE,
              module(b -> b.bind(UnknownDatabase.class))),
          new Case("bad_max_attempts", ErrorId.BAD_ARGUMENT, module(b -> b.bind(NoAttempts.class))),
          new Case(
              "rollback_both_ways", ErrorId.BAD_ARGUMENT, module(b -> b.bind(BothWays.class))));

  private static ValidationReport validate(Module... modules) {
    List<Module> all = new ArrayList<>(List.of(JdbcModule.of(TransactionalMisuseTest.NOWHERE)));
    all.addAll(List.of(modules));
    return Validation.validate(all);
  }

  @Test
  void validationReportsEachMisuseWithTheGoldenTextOfTheInjectorTimeError() {
    for (Case c : CASES) {
      List<Problem> problems = validate(c.module()).problems();
      assertEquals(1, problems.size(), c.golden() + ": " + problems);
      assertEquals(c.id(), problems.get(0).id(), c.golden());
      Golden.assertMatches("tx/" + c.golden(), problems.get(0).message());
    }
  }

  @Test
  void theBootReportsExactlyWhatValidationReports() {
    for (Case c : CASES) {
      assertEquals(validated(c.module()), bootErrors(c.module()), c.golden());
    }
  }

  /**
   * The boot stops at the first stage of injector creation that fails; validation reports every
   * problem at once, those of the boot among them.
   */
  @Test
  void validationReportsAtOnceWhatTheBootWouldReportOneStageAtATime() {
    Module several =
        module(
            b -> {
              b.bind(PrivateMethod.class).toInstance(new PrivateMethod());
              b.bind(FinalClass.class);
              b.bind(UnknownDatabase.class);
            });
    List<String> validated = validated(several);
    assertEquals(4, validated.size(), validated::toString);
    assertEquals(
        List.of(
            ErrorId.TRANSACTIONAL_NOT_INTERCEPTED, // private, in declaration order
            ErrorId.TRANSACTIONAL_NOT_INTERCEPTED, // an instance Guice did not construct
            ErrorId.TRANSACTIONAL_NOT_INTERCEPTED, // final class
            ErrorId.TRANSACTIONAL_UNKNOWN_DATABASE),
        validate(several).problems().stream().map(Problem::id).toList());
    List<String> booted = bootErrors(several);
    assertEquals(2, booted.size(), booted::toString);
    assertTrue(validated.containsAll(booted), () -> booted + " not in " + validated);
  }

  private static List<String> validated(Module module) {
    return validate(module).problems().stream().map(Problem::message).sorted().toList();
  }

  @Test
  void theSourceOfEachProblemIsWhereTheClassIsBound() {
    Problem bound = validate(CASES.get(0).module()).problems().get(0);
    assertTrue(
        bound.source().startsWith(TransactionalValidationTest.class.getName() + ".lambda$static$"),
        bound.source());
    Problem justInTime = validate(module(b -> b.bind(NeedsPrivateMethod.class))).problems().get(0);
    assertEquals(
        "class " + PrivateMethod.class.getName() + " (just-in-time binding)", justInTime.source());
  }

  @Test
  void correctAnnotationsAreValidEverywhere() {
    Module correct =
        module(
            b -> {
              b.bind(Fine.class);
              b.bind(Api.class).to(OnBoth.class);
              b.bind(Audited.class);
            });
    Module audit = JdbcModule.named("audit", TransactionalMisuseTest.NOWHERE);
    ValidationReport report = validate(correct, audit);
    assertTrue(report.isValid(), report::toString);
    Guice.createInjector(
        Di.create().module(), JdbcModule.of(TransactionalMisuseTest.NOWHERE), audit, correct);
  }

  @Test
  void withoutAJdbcModuleNothingIsChecked() {
    assertTrue(Validation.validate(List.of(module(b -> b.bind(PrivateMethod.class)))).isValid());
  }

  @Test
  void assertValidFailsWithTheNumberedReport() {
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () ->
                ModuleValidationExtension.assertValid(
                    JdbcModule.of(TransactionalMisuseTest.NOWHERE), new Misused()));
    assertEquals(ErrorId.VALIDATION_FAILED, ((DiException) failure.getCause()).id());
    Golden.assertMatches("tx/validate_modules_report", failure.getMessage());
  }

  /** Enables a fixture only where the test kit runs it (its configuration parameter is set). */
  static final class OnlyInTestKit implements ExecutionCondition {
    static final String PARAMETER = "workerdi.fixture";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(PARAMETER).isPresent()
          ? ConditionEvaluationResult.enabled("run by the test kit")
          : ConditionEvaluationResult.disabled("a fixture of the test kit, not a test");
    }
  }

  /**
   * Run only through the test kit: a fixture that must fail, so disabled wherever it is discovered
   * directly (surefire skips nested classes, but not when a -Dtest pattern selects them).
   */
  @ExtendWith(OnlyInTestKit.class)
  @ValidateModules(factories = {"jdbc", "misused"})
  static final class MisusedModulesCase {
    static Module jdbc() {
      return JdbcModule.of(TransactionalMisuseTest.NOWHERE);
    }

    static Module misused() {
      return new Misused();
    }

    @Test
    void neverRuns() {}
  }

  @Test
  void validateModulesFailsTheTestClassWithTheSameReport() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter(OnlyInTestKit.PARAMETER, "true")
            .selectors(selectClass(MisusedModulesCase.class))
            .execute();
    results.testEvents().assertStatistics(stats -> stats.started(0));
    List<Event> failed = results.containerEvents().failed().list();
    assertEquals(1, failed.size(), failed::toString);
    Throwable failure =
        failed
            .get(0)
            .getPayload(TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    assertInstanceOf(AssertionError.class, failure);
    Golden.assertMatches("tx/validate_modules_report", failure.getMessage());
  }

  /**
   * The messages of every {@code DiException} a failed {@code WorkerHost.start} reports, sorted.
   */
  private static List<String> bootErrors(Module module) {
    WorkerHost host =
        WorkerHost.builder()
            .modules(JdbcModule.of(TransactionalMisuseTest.NOWHERE), module)
            .workers(1)
            .shutdownHook(false)
            .build();
    CreationException thrown = assertThrows(CreationException.class, host::start);
    return thrown.getErrorMessages().stream()
        .map(Message::getCause)
        .filter(DiException.class::isInstance)
        .flatMap(cause -> Stream.concat(Stream.of(cause), Stream.of(cause.getSuppressed())))
        .map(Throwable::getMessage)
        .sorted()
        .toList();
  }
}

package dev.workerdi.lifecycle.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Stage;
import dev.workerdi.core.ErrorId;
import dev.workerdi.lifecycle.ModuleView;
import dev.workerdi.lifecycle.Validation;
import dev.workerdi.lifecycle.ValidationCheck;
import dev.workerdi.lifecycle.ValidationReport;
import dev.workerdi.lifecycle.ValidationReport.Problem;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A check a module contributes runs when that module is validated, once, after the built-in ones,
 * and sees the classes Guice would construct.
 */
class ValidationCheckTest {

  /** Reports every class Guice would construct, so the test sees what the view holds. */
  record ReportConstructed(String name) implements ValidationCheck {
    @Override
    public List<Problem> check(ModuleView modules) {
      return modules.constructed().stream()
          .map(
              built ->
                  new Problem(
                      ErrorId.BAD_ARGUMENT,
                      name + ": " + built.type().getSimpleName(),
                      built.source()))
          .toList();
    }
  }

  static class Bound {}

  interface Api {}

  static class Implementation implements Api {}

  static class Instance {}

  static class Provided {}

  static class Dependency {}

  static class Injected {
    @Inject
    Injected(Dependency dependency) {}
  }

  static class LookedUp {}

  static class ByConstructor {
    ByConstructor() {}
  }

  /** Contributes the check, and binds one class of each way Guice can make an instance. */
  static final class Contributing extends AbstractModule {
    @Override
    protected void configure() {
      ValidationCheck.contribute(binder(), new ReportConstructed("seen"));
      bind(Bound.class);
      bind(Api.class).to(Implementation.class);
      bind(Instance.class).toInstance(new Instance());
      bind(Injected.class);
      getProvider(LookedUp.class);
      try {
        bind(ByConstructor.class).toConstructor(ByConstructor.class.getDeclaredConstructor());
      } catch (NoSuchMethodException e) {
        throw new AssertionError(e);
      }
    }

    @Provides
    Provided provided() {
      return new Provided();
    }
  }

  /** Contributes an equal check a second time. */
  static final class ContributingAgain extends AbstractModule {
    @Override
    protected void configure() {
      ValidationCheck.contribute(binder(), new ReportConstructed("seen"));
    }
  }

  private static Set<String> messages(ValidationReport report) {
    return report.problems().stream().map(Problem::message).collect(Collectors.toSet());
  }

  @Test
  void theViewHoldsTheClassesGuiceConstructsAndNoOthers() {
    ValidationReport report = Validation.validate(List.of(new Contributing()));
    assertEquals(
        Set.of(
            "seen: Bound",
            "seen: Implementation",
            "seen: Injected",
            "seen: Dependency",
            "seen: LookedUp",
            "seen: ByConstructor"),
        messages(report));
    assertEquals(6, report.problems().size(), report::toString);
    assertEquals(
        "class " + Dependency.class.getName() + " (just-in-time binding)",
        report.problems().stream()
            .filter(problem -> problem.message().endsWith("Dependency"))
            .findFirst()
            .orElseThrow()
            .source());
  }

  @Test
  void anEqualCheckContributedTwiceRunsOnceAfterTheBuiltInChecks() {
    ValidationReport report =
        Validation.validate(
            List.of(new ContributingAgain(), new Samples.ConnectionModule(), new Contributing()));
    assertEquals(7, report.problems().size(), report::toString);
    assertEquals(ErrorId.SHARED_CONNECTION_INSTANCE, report.problems().get(0).id());
    assertTrue(report.toString().contains("7) seen: "), report::toString);
  }

  @Test
  void aCheckRunsOnlyWhenAModuleContributesIt() {
    Module plain =
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(Bound.class);
          }
        };
    assertTrue(Validation.validate(List.of(plain)).isValid());
  }

  @Test
  void aNullCheckIsReportedAsTheModulesError() {
    Module broken =
        new AbstractModule() {
          @Override
          protected void configure() {
            ValidationCheck.contribute(binder(), null);
          }
        };
    Problem problem = Validation.validate(List.of(broken)).problems().get(0);
    assertEquals(ErrorId.NULL_ARGUMENT, problem.id());
    assertTrue(
        problem
            .message()
            .startsWith("[DI-101] ValidationCheck.contribute(binder, null): the check"),
        problem.message());
  }

  @Test
  void anInjectorAcceptsAContributingModuleAndGainsNoBindingFromIt() {
    Injector injector = Guice.createInjector(new ContributingAgain());
    assertEquals(
        List.of(),
        injector.getBindings().keySet().stream()
            .filter(key -> key.getTypeLiteral().getRawType() == ValidationCheck.class)
            .toList());
    assertEquals(
        Set.of(Injector.class, Stage.class, java.util.logging.Logger.class),
        injector.getBindings().keySet().stream()
            .map(key -> key.getTypeLiteral().getRawType())
            .collect(Collectors.toSet()));
  }
}

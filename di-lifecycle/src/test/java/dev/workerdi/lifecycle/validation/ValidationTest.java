package dev.workerdi.lifecycle.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.Secret;
import dev.workerdi.lifecycle.Validation;
import dev.workerdi.lifecycle.ValidationReport;
import dev.workerdi.lifecycle.ValidationReport.Problem;
import dev.workerdi.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Static validation finds each kind of mistake, all at once, and none in correct modules. */
class ValidationTest {

  @Test
  void instanceBindingOfAConnectionIsShared() {
    Problem problem = onlyProblem(Validation.validate(List.of(new Samples.ConnectionModule())));
    assertEquals(ErrorId.SHARED_CONNECTION_INSTANCE, problem.id());
    assertTrue(
        problem
            .source()
            .startsWith(Samples.ConnectionModule.class.getName() + ".configure(Samples.java:"),
        problem.source());
    Golden.assertMatches("lifecycle/validation_connection_instance", problem.message());
  }

  @Test
  void singletonInjectingAWorkerScopedClassWidensItsScope() {
    Problem problem = onlyProblem(Validation.validate(List.of(new Samples.SingletonModule())));
    assertEquals(ErrorId.SCOPE_WIDENING, problem.id());
    Golden.assertMatches("lifecycle/validation_singleton_injects_worker_scoped", problem.message());
  }

  @Test
  void eagerSingletonInjectingAWorkerBoundRecipeKeyWidensItsScope() {
    Problem problem =
        onlyProblem(
            Validation.validate(List.of(new Samples.EagerModule(), new Samples.JdbcRecipes())));
    assertEquals(ErrorId.SCOPE_WIDENING, problem.id());
    Golden.assertMatches("lifecycle/validation_eager_singleton_recipe_key", problem.message());
  }

  @Test
  void recipeKeyRegisteredInTheContainerIsWorkerBoundToo() {
    Di di = Di.create();
    di.set("MYSQL", Samples.MysqlClient.class, "db.local", 3306, Secret.of("s3cret"));
    Problem problem = onlyProblem(Validation.validate(di, List.of(new Samples.EagerModule())));
    assertEquals(ErrorId.SCOPE_WIDENING, problem.id());
    Golden.assertMatches("lifecycle/validation_eager_singleton_di_recipe_key", problem.message());
  }

  @Test
  void singletonReachingAWorkerScopedClassThroughAnUnscopedOneNamesTheChain() {
    Problem problem = onlyProblem(Validation.validate(List.of(new Samples.TransitiveModule())));
    assertTrue(
        problem
            .message()
            .contains(
                "Samples$Dashboard -> dev.workerdi.lifecycle.validation.Samples$Formatter"
                    + " -> dev.workerdi.lifecycle.validation.Samples$WorkerCounter"),
        problem.message());
    Golden.assertMatches("lifecycle/validation_transitive_chain", problem.message());
  }

  @Test
  void singletonProviderMethodTakingACoroutineScopedLeaseWidensItsScope() {
    Problem problem = onlyProblem(Validation.validate(List.of(new Samples.ProvidesModule())));
    assertEquals(Samples.ProvidesModule.class.getName() + ".audit(Samples.java)", problem.source());
    Golden.assertMatches("lifecycle/validation_provides_singleton_coroutine", problem.message());
  }

  @Test
  void workerScopedBindingKeepingACoroutineScopedOneWidensItsScope() {
    Problem problem = onlyProblem(Validation.validate(List.of(new Samples.SessionModule())));
    Golden.assertMatches(
        "lifecycle/validation_worker_scoped_keeps_coroutine_lease", problem.message());
  }

  @Test
  void recipeThatCannotBeBuiltIsReportedWithTheUnderlyingMessage() {
    Problem problem = onlyProblem(Validation.validate(List.of(new Samples.BrokenRecipes())));
    assertEquals(ErrorId.UNBUILDABLE_RECIPE, problem.id());
    assertTrue(
        problem
            .source()
            .startsWith(Samples.BrokenRecipes.class.getName() + ".recipes(Samples.java:"));
    assertFalse(problem.message().contains("s3cret"), problem.message());
    Golden.assertMatches("lifecycle/validation_unbuildable_recipe", problem.message());
  }

  @Test
  void everyMistakeIsReportedInOneNumberedReport() {
    ValidationReport report = Validation.validate(brokenModules());
    assertEquals(
        List.of(
            ErrorId.SHARED_CONNECTION_INSTANCE,
            ErrorId.SCOPE_WIDENING,
            ErrorId.SCOPE_WIDENING,
            ErrorId.SCOPE_WIDENING,
            ErrorId.SCOPE_WIDENING,
            ErrorId.SCOPE_WIDENING,
            ErrorId.UNBUILDABLE_RECIPE),
        report.problems().stream().map(Problem::id).toList());
    DiException failure = assertThrows(DiException.class, report::throwIfInvalid);
    assertEquals(ErrorId.VALIDATION_FAILED, failure.id());
    assertEquals(failure.getMessage(), report.toString());
    Golden.assertMatches("lifecycle/validation_report", failure.getMessage());
  }

  @Test
  void validationBuildsNothing() {
    int before = Samples.BUILT.get();
    Validation.validate(brokenModules());
    Validation.validate(correctModules());
    assertEquals(before, Samples.BUILT.get());
  }

  @Test
  void correctModulesHaveNoProblems() {
    ValidationReport report = Validation.validate(correctModules());
    assertEquals(List.of(), report.problems());
    assertTrue(report.isValid());
    report.throwIfInvalid();
    assertEquals(
        "ValidationReport[valid, modules: "
            + Samples.CorrectModule.class.getName()
            + ", "
            + Samples.JdbcRecipes.class.getName()
            + "]",
        report.toString());
  }

  @Test
  void containerModuleAndProcessWideRecipesAreFine() {
    Di di = Di.create();
    di.set("MYSQL", Samples.MysqlClient.class, "db.local", 3306, Secret.of("s3cret"));
    assertTrue(Validation.validate(di, List.of(new Samples.CorrectModule())).isValid());
  }

  @Test
  void linkedBindingsAndScopeInstancesAreFollowed() {
    Di di = Di.create();
    di.set("MYSQL", Samples.MysqlClient.class, "db.local", 3306, Secret.of("s3cret"));
    Module module =
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(Runnable.class).to(Samples.Task.class).in(Scopes.SINGLETON);
            bind(Samples.Formatter.class).in(di.workerScope());
            bind(Samples.Dashboard.class);
          }
        };
    List<String> chains =
        Validation.validate(di, List.of(module)).problems().stream()
            .map(
                problem ->
                    problem
                        .message()
                        .lines()
                        .filter(line -> line.startsWith("  chain:"))
                        .findFirst()
                        .orElseThrow())
            .toList();
    String p = "dev.workerdi.lifecycle.validation.Samples$";
    assertEquals(
        List.of(
            "  chain:      java.lang.Runnable -> "
                + p
                + "Task -> @Named(\"MYSQL\") "
                + p
                + "MysqlClient",
            "  chain:      " + p + "Dashboard -> " + p + "Formatter"),
        chains);
  }

  @Test
  void containerErrorThrownWhileConfiguringIsReported() {
    Di di = Di.create();
    di.set("MYSQL", Samples.MysqlClient.class, "db.local", 3306, Secret.of("s3cret"));
    Module early =
        new AbstractModule() {
          @Override
          protected void configure() {
            di.get("MYSQL");
          }
        };
    Problem problem = onlyProblem(Validation.validate(di, List.of(early)));
    assertEquals(ErrorId.EAGER_GET, problem.id());
  }

  private static List<Module> brokenModules() {
    return List.of(
        new Samples.ConnectionModule(),
        new Samples.SingletonModule(),
        new Samples.EagerModule(),
        new Samples.TransitiveModule(),
        new Samples.ProvidesModule(),
        new Samples.SessionModule(),
        new Samples.JdbcRecipes(),
        new Samples.BrokenRecipes());
  }

  private static List<Module> correctModules() {
    return List.of(new Samples.CorrectModule(), new Samples.JdbcRecipes());
  }

  private static Problem onlyProblem(ValidationReport report) {
    assertEquals(1, report.problems().size(), report::toString);
    return report.problems().get(0);
  }
}

package dev.workerdi.lifecycle;

import com.google.inject.Binder;
import dev.workerdi.core.spi.Failures;
import dev.workerdi.lifecycle.ValidationReport.Problem;
import java.util.List;

/**
 * A rule that {@link Validation} checks besides its own, contributed by the module that owns the
 * rule: {@code JdbcModule}, for example, contributes the check of {@code @Transactional} methods
 * Guice would not intercept, so that static validation reports what its interceptor would ignore
 * without this module knowing about transactions.
 *
 * <p>A module contributes a check in its {@code configure()} with {@link #contribute}; validation
 * finds it among the modules' elements (an injection request for the check, which adds no binding
 * to the injector and injects nothing into a check without {@code @Inject} members), so a check
 * runs exactly when the module that contributes it is validated, and once however many times it is
 * contributed (checks that are equal run once). It is never called at boot: the module's own
 * injector-time checks (a type listener, for instance) report the same problems there, and should
 * build them with the same message factory so that both read the same.
 *
 * <p>Implementations must be thread-safe and must build nothing and connect to nothing: they read
 * the {@link ModuleView} (classes, annotations, bindings) only.
 */
@FunctionalInterface
public interface ValidationCheck {

  /**
   * Every problem this rule finds in the validated modules, in a stable order; empty when none.
   * Each problem carries the id and full message of the error the module reports at boot, and where
   * the offending binding or class was declared.
   */
  List<Problem> check(ModuleView modules);

  /**
   * Contributes {@code check} to the validation of any set of modules that installs the module
   * whose {@code binder} this is. The injector gains no binding from it.
   */
  static void contribute(Binder binder, ValidationCheck check) {
    if (check == null) {
      throw Failures.nullArgument(
          "ValidationCheck.contribute(binder, null)",
          "the check",
          "Pass the check the module contributes.");
    }
    binder.requestInjection(check);
  }
}

package dev.workerdi.lifecycle;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import java.util.List;

/**
 * What {@link Validation} found: every problem at once, in the order of the modules. Immutable and
 * thread-safe.
 */
public final class ValidationReport {
  private final List<String> modules;
  private final List<Problem> problems;

  ValidationReport(List<String> modules, List<Problem> problems) {
    this.modules = List.copyOf(modules);
    this.problems = List.copyOf(problems);
  }

  /**
   * One broken rule. Immutable and thread-safe.
   *
   * @param id which rule: {@link ErrorId#SHARED_CONNECTION_INSTANCE}, {@link
   *     ErrorId#SCOPE_WIDENING}, {@link ErrorId#UNBUILDABLE_RECIPE}, the id of an error a module
   *     threw while configuring, or that of a rule a contributed {@link ValidationCheck} found
   *     (such as {@link ErrorId#TRANSACTIONAL_NOT_INTERCEPTED})
   * @param message the full message in the catalog's format: what, which key, declared where, the
   *     fix
   * @param source where the offending binding or recipe was declared
   */
  public record Problem(ErrorId id, String message, String source) {}

  /** Every problem found, in module order; empty when the modules are valid. */
  public List<Problem> problems() {
    return problems;
  }

  /** The class names of the validated modules. */
  public List<String> modules() {
    return modules;
  }

  /** Whether no problem was found. */
  public boolean isValid() {
    return problems.isEmpty();
  }

  /**
   * Throws {@link ErrorId#VALIDATION_FAILED} numbering every problem, unless the modules are valid.
   */
  public void throwIfInvalid() {
    if (!isValid()) {
      throw failure();
    }
  }

  private DiException failure() {
    StringBuilder numbered = new StringBuilder();
    for (int i = 0; i < problems.size(); i++) {
      String number = (i + 1) + ") ";
      numbered
          .append(i == 0 ? "" : "\n")
          .append(number)
          .append(problems.get(i).message().replace("\n", "\n" + " ".repeat(number.length())));
    }
    return DiException.builder(
            ErrorId.VALIDATION_FAILED,
            "Validation found "
                + problems.size()
                + (problems.size() == 1 ? " problem" : " problems")
                + " in the modules; nothing was started")
        .field("modules", String.join(", ", modules))
        .field("problems", numbered)
        .fix("Fix each problem as its own fix line says, then validate again.")
        .build();
  }

  /** {@code ValidationReport[valid, ...]}, or the full numbered report when problems were found. */
  @Override
  public String toString() {
    return isValid()
        ? "ValidationReport[valid, modules: " + String.join(", ", modules) + "]"
        : failure().getMessage();
  }
}

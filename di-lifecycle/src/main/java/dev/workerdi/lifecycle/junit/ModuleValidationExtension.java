package dev.workerdi.lifecycle.junit;

import com.google.inject.Module;
import dev.workerdi.core.DiException;
import dev.workerdi.lifecycle.Validation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link ValidateModules}: before all tests of the class, it
 * instantiates the listed modules (and calls the named module factories), runs {@link
 * Validation#validate(Iterable)} and fails the class with the full numbered report when a rule is
 * broken; then it runs every {@link PreStartBoot} found by {@link java.util.ServiceLoader}. Without
 * the annotation, {@link #assertValid(Module...)} does the same in one call. Stateless and
 * thread-safe.
 */
public final class ModuleValidationExtension implements BeforeAllCallback {

  /** Used by JUnit through {@link ValidateModules}. */
  public ModuleValidationExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    ValidateModules annotation =
        AnnotationSupport.findAnnotation(testClass, ValidateModules.class)
            .orElseThrow(
                () ->
                    new ExtensionConfigurationException(
                        testClass.getName()
                            + " registers ModuleValidationExtension without @ValidateModules: annotate the class with "
                            + "@ValidateModules({YourModule.class, ...}) instead of @ExtendWith."));
    List<Module> modules = new ArrayList<>();
    Arrays.stream(annotation.value())
        .map(type -> instantiate(type, testClass))
        .forEach(modules::add);
    Arrays.stream(annotation.factories())
        .forEach(name -> modules.addAll(ModuleFactories.call(testClass, name)));
    if (modules.isEmpty()) {
      throw new ExtensionConfigurationException(
          "@ValidateModules on "
              + testClass.getName()
              + " names no module: "
              + "list module classes in value, or static methods returning modules in factories.");
    }
    assertValid(modules);
  }

  /**
   * Validates {@code modules} together and throws an {@link AssertionError} with the full numbered
   * report (its cause the {@code DiException}) when a rule is broken; then runs the {@link
   * PreStartBoot} steps.
   */
  public static void assertValid(Module... modules) {
    assertValid(Arrays.asList(modules));
  }

  private static void assertValid(List<Module> modules) {
    try {
      Validation.validate(modules).throwIfInvalid();
      bootPreStartPhases(modules);
    } catch (DiException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** Runs every {@link PreStartBoot} on the class path, in the order found. */
  static void bootPreStartPhases(List<Module> modules) {
    for (PreStartBoot boot : ServiceLoader.load(PreStartBoot.class)) {
      boot.boot(modules);
    }
  }

  private static Module instantiate(Class<? extends Module> type, Class<?> testClass) {
    try {
      Constructor<? extends Module> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause = e instanceof InvocationTargetException thrown ? thrown.getCause() : e;
      throw new ExtensionConfigurationException(
          "@ValidateModules on "
              + testClass.getName()
              + " cannot create "
              + type.getName()
              + " ("
              + cause
              + "): give the module a no-arg constructor that does not throw.",
          cause);
    }
  }
}

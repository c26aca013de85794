package dev.workerdi.lifecycle.junit;

import com.google.inject.Module;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Validates the application's Guice modules before the tests of the annotated class run, and fails
 * the class with the full numbered report when they break a rule (a shared connection instance,
 * scope widening, a recipe that cannot be built, or a rule a module contributes, such as {@code
 * JdbcModule}'s check of {@code @Transactional} methods Guice would not intercept), then boots the
 * pre-start phases with no workers and fails when a hook resolved a worker-bound binding.
 *
 * <p>Modules with a no-arg constructor (it may be private) are listed by class in {@link #value()};
 * modules built from settings, such as {@code JdbcModule.of(settings)}, come from static no-arg
 * methods of the test class named in {@link #factories()}, as with JUnit's {@code @MethodSource}:
 *
 * <pre>{@code
 * @ValidateModules(value = AppModule.class, factories = "jdbc")
 * class AppModulesTest {
 *   static Module jdbc() {
 *     return JdbcModule.of(JdbcSettings.fromSystemProperties("db"));
 *   }
 *
 *   @Test
 *   void modulesAreValid() {}
 * }
 * }</pre>
 *
 * The pre-start boot runs the modules' {@code frameInitialize}, {@code frameInitialized} and {@code
 * beforeWorkerStart} hooks for real, so hooks that connect (such as {@code JdbcModule}'s budget
 * check) need settings that reach a test database. Backed by {@link ModuleValidationExtension}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ModuleValidationExtension.class)
public @interface ValidateModules {
  /**
   * The module classes to validate together, as the application installs them; each needs a no-arg
   * constructor.
   */
  Class<? extends Module>[] value() default {};

  /**
   * Names of static no-arg methods of the test class (they may be private) returning a {@link
   * Module}, a {@code Module[]} or an {@code Iterable<? extends Module>}; their modules are
   * validated after those of {@link #value()}, in the order named.
   */
  String[] factories() default {};
}

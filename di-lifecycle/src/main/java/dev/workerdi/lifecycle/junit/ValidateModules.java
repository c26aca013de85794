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
 * scope widening, a recipe that cannot be built):
 *
 * <pre>{@code
 * @ValidateModules({AppModule.class, JdbcModule.class})
 * class AppModulesTest {
 *   @Test
 *   void modulesAreValid() {}
 * }
 * }</pre>
 *
 * Each module class needs a no-arg constructor (it may be private). Backed by {@link
 * ModuleValidationExtension}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ModuleValidationExtension.class)
public @interface ValidateModules {
  /** The module classes to validate together, as the application installs them. */
  Class<? extends Module>[] value();
}

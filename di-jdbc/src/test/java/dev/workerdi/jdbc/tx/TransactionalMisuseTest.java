package dev.workerdi.jdbc.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.spi.Elements;
import com.google.inject.spi.InterceptorBinding;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.Transactional;
import dev.workerdi.jdbc.support.Messages;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code @Transactional} where Guice would ignore it, or with bad attributes: reported when the
 * injector is created (so at {@code WorkerHost.start}), each with its golden message; {@link
 * TransactionalValidationTest} finds the same from the modules alone. Nothing connects: the
 * settings point nowhere.
 */
class TransactionalMisuseTest {
  static final JdbcSettings NOWHERE =
      JdbcSettings.fromMap(
          Map.of(
              "jdbcUrl",
              "jdbc:mysql://127.0.0.1:1/nowhere",
              "username",
              "app",
              "password",
              "s3cret",
              "workerdi.reserve",
              0));

  static class PrivateMethod {
    @Transactional
    private void run() {}

    void call() {
      run();
    }
  }

  static class FinalMethod {
    @Transactional
    final void run() {}
  }

  static class StaticMethod {
    @Transactional
    static void run() {}
  }

  static final class FinalClass {
    @Transactional
    void run() {}
  }

  interface Api {
    @Transactional
    void run();
  }

  static class OnInterfaceOnly implements Api {
    @Override
    public void run() {}
  }

  static class Base {
    @Transactional
    void run() {}
  }

  static class OverridesWithout extends Base {
    @Override
    void run() {}
  }

  static class Fine {
    @Transactional
    void run() {}
  }

  static class Audited {
    @Transactional(database = "audit")
    public void audited() {}
  }

  static class UnknownDatabase {
    @Transactional(database = "nope")
    void run() {}
  }

  static class NoAttempts {
    @Transactional(maxAttempts = 0)
    void run() {}
  }

  static class BothWays {
    @Transactional(rollbackOn = IOException.class, noRollbackOn = IOException.class)
    void run() {}
  }

  /** A class with a correct annotation, made by a provider method: never intercepted. */
  static final class ProvidesFine extends AbstractModule {
    @Provides
    Fine fine() {
      return new Fine();
    }
  }

  private static Injector create(Module... modules) {
    Di di = Di.create();
    List<Module> all = new java.util.ArrayList<>(List.of(di.module(), JdbcModule.of(NOWHERE)));
    all.addAll(List.of(modules));
    return Guice.createInjector(all);
  }

  private static Module binding(Class<?> type) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(type);
      }
    };
  }

  private static DiException creationError(Module module) {
    CreationException thrown = assertThrows(CreationException.class, () -> create(module));
    return Messages.unwrap(thrown);
  }

  private static void assertReported(String golden, ErrorId id, Module module) {
    DiException error = creationError(module);
    assertEquals(id, error.id(), error.getMessage());
    Messages.assertGolden("tx", golden, error, null);
  }

  @Test
  void methodsGuiceCannotInterceptAreReported() {
    assertReported(
        "not_intercepted_private",
        ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
        binding(PrivateMethod.class));
    assertReported(
        "not_intercepted_final_method",
        ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
        binding(FinalMethod.class));
    assertReported(
        "not_intercepted_static",
        ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
        binding(StaticMethod.class));
    assertReported(
        "not_intercepted_final_class",
        ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
        binding(FinalClass.class));
    assertReported(
        "not_intercepted_interface",
        ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
        binding(OnInterfaceOnly.class));
    assertReported(
        "not_intercepted_override",
        ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
        binding(OverridesWithout.class));
  }

  @Test
  void objectsGuiceDidNotConstructAreReported() {
    assertReported(
        "not_intercepted_instance",
        ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(Fine.class).toInstance(new Fine());
          }
        });
    assertReported(
        "not_intercepted_provides", ErrorId.TRANSACTIONAL_NOT_INTERCEPTED, new ProvidesFine());
  }

  @Test
  void aClassMetOnlyAtRunTimeIsReportedThenAndNotIgnored() {
    Injector injector = create();
    DiException error =
        Messages.unwrap(
            assertThrows(RuntimeException.class, () -> injector.getInstance(PrivateMethod.class)));
    assertEquals(ErrorId.TRANSACTIONAL_NOT_INTERCEPTED, error.id());
  }

  @Test
  void unknownDatabasesAndBadAttributesAreReported() {
    assertReported(
        "unknown_database", ErrorId.TRANSACTIONAL_UNKNOWN_DATABASE, binding(UnknownDatabase.class));
    assertReported("bad_max_attempts", ErrorId.BAD_ARGUMENT, binding(NoAttempts.class));
    assertReported("rollback_both_ways", ErrorId.BAD_ARGUMENT, binding(BothWays.class));
  }

  @Test
  void aValidClassIsInterceptedAndOneInterceptorServesEveryDatabase() {
    Injector injector =
        create(JdbcModule.named("audit", NOWHERE), binding(Fine.class), binding(Audited.class));
    DiException outside =
        assertThrows(DiException.class, () -> injector.getInstance(Fine.class).run());
    assertEquals(
        ErrorId.TRANSACTION_OUTSIDE_COROUTINE,
        outside.id(),
        "intercepted: it asked for a coroutine");
    assertEquals(
        ErrorId.TRANSACTION_OUTSIDE_COROUTINE,
        assertThrows(DiException.class, () -> injector.getInstance(Audited.class).audited()).id());
    long interceptors =
        Elements.getElements(JdbcModule.of(NOWHERE), JdbcModule.named("audit", NOWHERE)).stream()
            .filter(InterceptorBinding.class::isInstance)
            .count();
    assertEquals(1, interceptors);
  }
}

package dev.workerdi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Key;
import dev.workerdi.testing.Golden;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every misuse of the container gets one exception with the catalog id and the exact message text
 * of its golden file, and leaves the container as it was.
 */
class BadInputTest {

  record Case(String name, ErrorId id, Consumer<Di> setup, Consumer<Di> misuse) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Consumer<Di> none() {
    return di -> {};
  }

  static Consumer<Di> withClient() {
    return di -> di.set("MYSQL", Fixtures.Client.class, "db.local", 3306);
  }

  static Stream<Arguments> cases() {
    Connection connection =
        (Connection)
            Proxy.newProxyInstance(
                BadInputTest.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> null);
    String fixtures = Fixtures.class.getName();
    return Stream.of(
            new Case(
                "unknown_class",
                ErrorId.CLASS_NOT_FOUND,
                none(),
                di -> di.set("MYSQL", "com.example.db.MysqliDb", "db.local", 3306)),
            new Case(
                "misspelt_class_name",
                ErrorId.CLASS_NOT_FOUND,
                none(),
                di -> di.set("MYSQL", fixtures + "$Cleint", "db.local", 3306)),
            new Case(
                "misspelt_class_name_in_a_jar",
                ErrorId.CLASS_NOT_FOUND,
                none(),
                di -> di.set("INJECTOR", "com.google.inject.Injektor")),
            new Case(
                "nested_class_with_dot",
                ErrorId.CLASS_NOT_FOUND,
                none(),
                di -> di.set("MYSQL", fixtures + ".Client", "db.local", 3306)),
            new Case(
                "null_for_primitive",
                ErrorId.NO_MATCHING_CONSTRUCTOR,
                none(),
                di -> di.set("PORT", Fixtures.Port.class, "db.local", null)),
            new Case(
                "varargs_wrong_element",
                ErrorId.NO_MATCHING_CONSTRUCTOR,
                none(),
                di -> di.set("HOSTS", Fixtures.Hosts.class, "cluster", "a", 2)),
            new Case(
                "abstract_class",
                ErrorId.CLASS_NOT_CONCRETE,
                none(),
                di -> di.set("SHAPE", fixtures + "$Shape")),
            new Case(
                "interface",
                ErrorId.CLASS_NOT_CONCRETE,
                none(),
                di -> di.set("SERVICE", Fixtures.Service.class)),
            new Case(
                "enum",
                ErrorId.CLASS_NOT_CONCRETE,
                none(),
                di -> di.set("COLOR", Fixtures.Color.class)),
            new Case(
                "inner_class",
                ErrorId.CLASS_NOT_CONCRETE,
                none(),
                di -> di.set("INNER", Fixtures.Inner.class)),
            new Case(
                "no_matching_constructor",
                ErrorId.NO_MATCHING_CONSTRUCTOR,
                none(),
                di -> di.set("MYSQL", Fixtures.Client.class, "db.local")),
            new Case(
                "wrong_argument_types",
                ErrorId.NO_MATCHING_CONSTRUCTOR,
                none(),
                di -> di.set("MYSQL", Fixtures.Client.class, "db.local", "3306")),
            new Case(
                "narrowing_is_not_allowed",
                ErrorId.NO_MATCHING_CONSTRUCTOR,
                none(),
                di -> di.set("POOL", Fixtures.Pooled.class, 8L)),
            new Case(
                "ambiguous_constructors",
                ErrorId.AMBIGUOUS_CONSTRUCTOR,
                none(),
                di -> di.set("AMBIGUOUS", Fixtures.Ambiguous.class, "a", "b")),
            new Case(
                "named_unknown_parameter",
                ErrorId.NO_MATCHING_CONSTRUCTOR,
                none(),
                di ->
                    di.set(
                        "MYSQL",
                        Recipe.named(Fixtures.Client.class, Map.of("hostname", "db.local")))),
            new Case(
                "named_without_parameter_names",
                ErrorId.PARAMETER_NAMES_MISSING,
                none(),
                di ->
                    di.set(
                        "COUNTER", Recipe.named(AtomicInteger.class, Map.of("initialValue", 1)))),
            new Case(
                "secret_is_masked",
                ErrorId.NO_MATCHING_CONSTRUCTOR,
                none(),
                di ->
                    di.set("MYSQL", Fixtures.Client.class, "db.local", "x", Secret.of("hunter2"))),
            new Case(
                "password_by_name_is_masked",
                ErrorId.NO_MATCHING_CONSTRUCTOR,
                none(),
                di ->
                    di.set(
                        "MYSQL",
                        Recipe.named(
                            Fixtures.Client.class,
                            ordered("host", "db.local", "password", "hunter2")))),
            new Case(
                "null_key",
                ErrorId.NULL_ARGUMENT,
                none(),
                di -> di.set((String) null, Fixtures.Client.class, "db.local", 3306)),
            new Case(
                "null_guice_key",
                ErrorId.NULL_ARGUMENT,
                none(),
                di ->
                    di.set((Key<Object>) null, Recipe.of(Fixtures.Client.class, "db.local", 3306))),
            new Case(
                "empty_key",
                ErrorId.EMPTY_KEY,
                none(),
                di -> di.set("  ", Fixtures.Client.class, "db.local", 3306)),
            new Case(
                "null_class_name",
                ErrorId.NULL_ARGUMENT,
                none(),
                di -> di.set("MYSQL", (String) null)),
            new Case(
                "null_recipe", ErrorId.NULL_ARGUMENT, none(), di -> di.set("MYSQL", (Recipe) null)),
            new Case(
                "duplicate_key",
                ErrorId.DUPLICATE_KEY,
                withClient(),
                di -> di.set("MYSQL", Fixtures.Client.class, "replica.local", 3307)),
            new Case(
                "key_type_mismatch",
                ErrorId.WRONG_TYPE,
                none(),
                di ->
                    di.set(
                        Key.get(Runnable.class),
                        Recipe.of(Fixtures.Client.class, "db.local", 3306))),
            new Case("get_unknown_key", ErrorId.UNKNOWN_KEY, withClient(), di -> di.get("MYSQLL")),
            new Case("get_before_start", ErrorId.EAGER_GET, withClient(), di -> di.get("MYSQL")),
            new Case(
                "get_in_before_worker_start",
                ErrorId.EAGER_GET,
                withClient().andThen(di -> di.phases().advanceTo(Phase.BEFORE_WORKER_START)),
                di -> di.get("MYSQL")),
            new Case(
                "get_on_foreign_thread_while_running",
                ErrorId.EAGER_GET,
                withClient().andThen(di -> di.phases().advanceTo(Phase.RUNNING)),
                di -> di.get("MYSQL")),
            new Case(
                "get_wrong_type",
                ErrorId.WRONG_TYPE,
                di -> di.setInstance("NAME", "orders"),
                di -> di.get("NAME", Integer.class)),
            new Case(
                "set_after_start",
                ErrorId.REGISTRATION_CLOSED,
                di -> di.phases().advanceTo(Phase.ON_WORKER_START),
                di -> di.set("MYSQL", Fixtures.Client.class, "db.local", 3306)),
            new Case(
                "delete_after_start",
                ErrorId.REGISTRATION_CLOSED,
                withClient().andThen(di -> di.phases().advanceTo(Phase.RUNNING)),
                di -> di.delete("MYSQL")),
            new Case(
                "connection_instance",
                ErrorId.CONNECTION_LIKE_INSTANCE,
                none(),
                di -> di.setInstance("MYSQL", connection)),
            new Case(
                "socket_instance",
                ErrorId.CONNECTION_LIKE_INSTANCE,
                none(),
                di -> di.setInstance("REDIS", new Socket())),
            new Case(
                "autocloseable_instance",
                ErrorId.CONNECTION_LIKE_INSTANCE,
                none(),
                di -> di.setInstance("RESOURCE", new Fixtures.Resource("r"))),
            new Case(
                "null_instance",
                ErrorId.NULL_ARGUMENT,
                none(),
                di -> di.setInstance("CONFIG", null)),
            new Case(
                "constructor_throws",
                ErrorId.RECIPE_CONSTRUCTOR_FAILED,
                di -> di.set("BROKEN", Fixtures.Exploding.class, "refused"),
                di -> inWorker(() -> di.get("BROKEN"))),
            new Case(
                "static_initialiser_throws",
                ErrorId.RECIPE_CLASS_INIT_FAILED,
                di -> di.set("BAD", "dev.workerdi.core.BadStaticInit"),
                di -> inWorker(() -> di.get("BAD"))),
            new Case(
                "factory_returns_null",
                ErrorId.RECIPE_RETURNED_NULL,
                di -> di.set("NULL", Fixtures.NullFactory.class),
                di -> inWorker(() -> di.get("NULL"))),
            new Case(
                "circular",
                ErrorId.CIRCULAR_RESOLUTION,
                di -> {
                  Fixtures.SelfReferencing.container = di;
                  di.set("SELF", Fixtures.SelfReferencing.class);
                },
                di -> inWorker(() -> di.get("SELF"))),
            new Case(
                "phase_backwards",
                ErrorId.PHASE_ORDER,
                di -> di.phases().advanceTo(Phase.RUNNING),
                di -> di.phases().advanceTo(Phase.FRAME_INITIALIZED)))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void misuseFailsWithItsMessageAndChangesNothing(Case c) {
    Di di = Di.create();
    c.setup().accept(di);
    List<BindingInfo> before = di.bindings();
    Phase phaseBefore = di.phases().current();

    DiException error = assertThrows(DiException.class, () -> c.misuse().accept(di));

    assertEquals(c.id(), error.id(), error.getMessage());
    Golden.assertMatches("core/" + c.name(), error.getMessage());
    assertFalse(error.getMessage().contains("hunter2"), "a password leaked into the message");
    assertEquals(before, di.bindings(), "the bindings changed");
    assertEquals(phaseBefore, di.phases().current(), "the phase changed");
  }

  static Map<String, Object> ordered(String... pairs) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** Runs {@code action} as a task of a throwaway worker, on this thread. */
  static void inWorker(Runnable action) {
    WorkerContext worker = WorkerContext.create(1, "worker-1");
    try {
      worker.run(action);
    } finally {
      worker.close();
    }
  }
}

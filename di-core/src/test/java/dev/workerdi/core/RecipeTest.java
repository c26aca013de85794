package dev.workerdi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Key;
import com.google.inject.name.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recipes: how arguments reach constructors and factories, and that nothing is built early. */
class RecipeTest {
  private final Di di = Di.create();
  private final WorkerContext worker = WorkerContext.create(1, "worker-1");

  private Object inWorker(String key) {
    try {
      return worker.call(() -> di.get(key));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void classNameRecipeIsNeitherBuiltNorInitialisedAtRegistration() {
    di.set("LAZY", "dev.workerdi.core.LazyInit");
    assertFalse(LazyInit.Flag.FLAG.get(), "registration initialised the class");
    assertTrue(di.has("LAZY"));
    assertInstanceOf(LazyInit.class, inWorker("LAZY"));
    assertTrue(LazyInit.Flag.FLAG.get());
  }

  @Test
  void varargsConstructorsTakeTheirArgumentsAsAJavaCallWould() {
    di.set("STRINGS", Fixtures.Hosts.class, "cluster", "a", "b", "c");
    di.set("ARRAY", Fixtures.Hosts.class, "cluster", (Object) new String[] {"x", "y"});
    di.set("PORTS", Fixtures.Hosts.class, "cluster", 3306, (short) 3307);
    di.set("SECRET", Fixtures.Hosts.class, "cluster", "a", Secret.of("hunter2"));
    assertEquals(List.of("a", "b", "c"), List.of(((Fixtures.Hosts) inWorker("STRINGS")).hosts));
    assertEquals(List.of("x", "y"), List.of(((Fixtures.Hosts) inWorker("ARRAY")).hosts));
    assertEquals(3307, ((Fixtures.Hosts) inWorker("PORTS")).ports[1]);
    assertEquals("hunter2", ((Fixtures.Hosts) inWorker("SECRET")).hosts[1]);
    DiException ambiguous =
        assertThrows(DiException.class, () -> di.set("EMPTY", Fixtures.Hosts.class, "x", "y", 1));
    assertEquals(ErrorId.NO_MATCHING_CONSTRUCTOR, ambiguous.id());
    DiException none =
        assertThrows(DiException.class, () -> di.set("NONE", Fixtures.Hosts.class, "none"));
    assertEquals(
        ErrorId.AMBIGUOUS_CONSTRUCTOR, none.id(), "new Hosts(\"none\") is ambiguous in Java too");
    assertFalse(di.bindings().toString().contains("hunter2"), "a varargs secret is masked");
  }

  @Test
  void boxingAndWideningSelectTheConstructor() {
    di.set("CLIENT", Fixtures.Client.class, "db.local", 3306);
    Fixtures.Client client = (Fixtures.Client) inWorker("CLIENT");
    assertEquals("db.local", client.host);
    assertEquals(3306L, client.port);
  }

  @Test
  void staticFactoryIsUsedWhenNoConstructorIsPublic() {
    di.set("POOL", Fixtures.Pooled.class, (short) 8);
    assertEquals(8, ((Fixtures.Pooled) inWorker("POOL")).size);
  }

  @Test
  void namedArgumentsMatchParameterNamesInAnyOrder() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("password", Secret.of("s3cret"));
    args.put("port", 3307);
    args.put("host", "replica.local");
    di.set("CLIENT", Recipe.named(Fixtures.Client.class, args));
    Fixtures.Client client = (Fixtures.Client) inWorker("CLIENT");
    assertEquals("replica.local", client.host);
    assertEquals(3307L, client.port);
    assertEquals("s3cret", client.password, "a Secret reaches a String parameter as its value");
  }

  @Test
  void namedArgumentsFallBackToMapAndPropertiesConstructors() {
    di.set(
        "MAP", Recipe.named(Fixtures.MapConfig.class.getName(), Map.of("host", "db", "port", 1)));
    di.set("PROPS", Recipe.named(Fixtures.PropsConfig.class, Map.of("host", "db", "port", 1)));
    assertEquals(Map.of("host", "db", "port", 1), ((Fixtures.MapConfig) inWorker("MAP")).values);
    assertEquals("1", ((Fixtures.PropsConfig) inWorker("PROPS")).values.getProperty("port"));
  }

  @Test
  void secretsAreMaskedInDescriptions() {
    di.set("CLIENT", Fixtures.Client.class, "db.local", 3306, "hunter2");
    String description = di.bindings().get(0).description();
    assertFalse(description.contains("hunter2"), description);
    assertTrue(description.contains("******"), description);
    assertFalse(Recipe.of("x.Y", Secret.of("hunter2")).toString().contains("hunter2"));
  }

  @Test
  void processWideRecipeIsBuiltOnceAndMayBeResolvedBeforeStart() {
    di.set("CONFIG", Recipe.of(Fixtures.MapConfig.class, Map.of("a", 1)).processWide());
    Object before = di.get("CONFIG");
    assertSame(before, inWorker("CONFIG"));
    assertEquals(Sharing.PROCESS, di.bindings().get(0).sharing());
  }

  @Test
  void instancesAreSharedProcessWide() {
    di.setInstance("NAME", "orders");
    assertEquals("orders", di.get("NAME", String.class));
    assertEquals("orders", inWorker("NAME"));
  }

  @Test
  void guiceKeysAndStringKeysAreTheSameNamespace() {
    di.set(Key.get(Object.class, Names.named("CLIENT")), Recipe.of(Fixtures.Client.class, "h", 1));
    assertTrue(di.has("CLIENT"));
    DiException duplicate =
        assertThrows(DiException.class, () -> di.set("CLIENT", Fixtures.Client.class, "h", 2));
    assertEquals(ErrorId.DUPLICATE_KEY, duplicate.id());
  }

  @Test
  void deleteRemovesBeforeStartAndAllowsRegisteringAgain() {
    di.set("CLIENT", Fixtures.Client.class, "h", 1);
    assertTrue(di.delete("CLIENT"));
    assertFalse(di.delete("CLIENT"));
    assertFalse(di.has("CLIENT"));
    di.set("CLIENT", Fixtures.Client.class, "h", 2);
    assertEquals(2L, ((Fixtures.Client) inWorker("CLIENT")).port);
  }

  @Test
  void failedConstructionLeavesTheBindingToRetry() {
    di.set("BROKEN", Fixtures.Exploding.class, "refused");
    assertThrows(DiException.class, () -> worker.run(() -> di.get("BROKEN")));
    DiException again = assertThrows(DiException.class, () -> worker.run(() -> di.get("BROKEN")));
    assertEquals(ErrorId.RECIPE_CONSTRUCTOR_FAILED, again.id());
    assertEquals(0, worker.store().size());
  }

  @Test
  void workersGetDistinctInstances() throws Exception {
    di.set("CLIENT", Fixtures.Client.class, "h", 1);
    WorkerContext other = WorkerContext.create(2, "worker-2");
    Object first = worker.call(() -> di.get("CLIENT"));
    assertSame(first, worker.call(() -> di.get("CLIENT")));
    assertNotSame(first, other.call(() -> di.get("CLIENT")));
  }
}

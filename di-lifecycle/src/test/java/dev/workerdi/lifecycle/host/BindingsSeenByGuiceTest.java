package dev.workerdi.lifecycle.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.lifecycle.FrameInitialize;
import dev.workerdi.lifecycle.FrameInitialized;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.Golden;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Which container bindings Guice sees: every binding registered before the workers start is
 * injectable, and a binding an injector has already seen cannot be deleted behind its back.
 */
class BindingsSeenByGuiceTest {

  /** Registers one recipe in each pre-start phase that can still register. */
  static final class RegistersLate extends AbstractModule {
    @FrameInitialize
    void first(Di di) {
      di.set("B", HostFixtures.Client.class, "b");
    }

    @FrameInitialized
    void second(Di di) {
      di.set("C", HostFixtures.Client.class, "c");
      di.delete("C2");
    }
  }

  @Test
  void recipesSetInHooksAreInjectableAndDeletingAnUnboundOneWorks() throws Exception {
    Di di = Di.create();
    di.set("A", HostFixtures.Client.class, "a");
    WorkerHost host =
        WorkerHost.builder()
            .di(di)
            .workers(1)
            .shutdownHook(false)
            .modules(
                new RegistersLate(),
                new AbstractModule() {
                  @FrameInitialize
                  void registerThenForget(Di container) {
                    container.set("C2", HostFixtures.Client.class, "c2");
                  }
                })
            .build();
    host.start();
    try {
      for (String key : new String[] {"A", "B", "C"}) {
        String name =
            host.submit(
                    () ->
                        host.injector()
                            .getInstance(Key.get(HostFixtures.Client.class, Names.named(key)))
                            .name)
                .get();
        assertEquals(key.toLowerCase(), name, key + " is injectable through Guice");
      }
      assertFalse(di.has("C2"));
      assertTrue(
          host.injector().getExistingBinding(Key.get(HostFixtures.Client.class, Names.named("C2")))
              == null,
          "a recipe deleted before any injector saw it is not bound");
      assertFalse(di.hasNewBindings(), "the host bound every recipe");
    } finally {
      host.stop(Duration.ofSeconds(5));
    }
  }

  static final class DeletesBound extends AbstractModule {
    @FrameInitialize
    void replace(Di di) {
      di.delete("A");
    }
  }

  @Test
  void deletingABindingTheInjectorHasSeenFailsNamingIt() {
    Di di = Di.create();
    di.set("A", HostFixtures.Client.class, "a");
    WorkerHost host =
        WorkerHost.builder()
            .di(di)
            .workers(1)
            .shutdownHook(false)
            .modules(new DeletesBound())
            .build();
    DiException error = assertThrows(DiException.class, host::start);
    assertEquals(ErrorId.REGISTRATION_CLOSED, error.id(), "the hook's error keeps its own id");
    assertTrue(di.has("A"), "the refused delete changed nothing");
    Golden.assertMatches("lifecycle/delete_bound_binding", error.getMessage());
  }

  @Test
  void newBindingsModuleBindsOnlyWhatNoInjectorHasSeen() {
    Di di = Di.create();
    di.set("A", HostFixtures.Client.class, "a");
    Injector parent = Guice.createInjector(di.module());
    assertFalse(di.hasNewBindings());
    di.set("B", HostFixtures.Client.class, "b");
    assertTrue(di.hasNewBindings());
    Injector child = parent.createChildInjector(di.newBindingsModule());
    assertTrue(
        child.getExistingBinding(Key.get(HostFixtures.Client.class, Names.named("B"))) != null);
    assertFalse(di.hasNewBindings());
    DiException error = assertThrows(DiException.class, () -> di.delete("B"));
    assertEquals(ErrorId.REGISTRATION_CLOSED, error.id());
  }
}

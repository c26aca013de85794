package dev.workerdi.core.spi;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * Dynamic proxies of one interface through a constructor cached per interface, so that wrapping an
 * object costs one allocation instead of a class lookup: for the handles the library gives out
 * (owner-checked coroutine objects, lease connections). Thread-safe.
 */
public final class Proxies {
  private static final ClassValue<Constructor<?>> CONSTRUCTORS =
      new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
          Object sample =
              Proxy.newProxyInstance(
                  type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> null);
          try {
            return sample.getClass().getConstructor(InvocationHandler.class);
          } catch (NoSuchMethodException e) {
            throw new IllegalStateException(
                "proxy classes have an InvocationHandler constructor", e);
          }
        }
      };

  private Proxies() {}

  /** A proxy of interface {@code type} whose calls go to {@code handler}. */
  public static Object newProxy(Class<?> type, InvocationHandler handler) {
    try {
      return CONSTRUCTORS.get(type).newInstance(handler);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a proxy of " + type.getName(), e);
    }
  }
}

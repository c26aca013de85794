package dev.workerdi.core.internal;

import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.spi.Confinement;
import dev.workerdi.core.spi.CoroutineConfined;
import dev.workerdi.core.spi.Proxies;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Wraps a coroutine-scoped instance bound to an interface in a proxy that fails when it is used
 * from any thread but its coroutine's: an object handed to another coroutine is caught at its first
 * call, not when the two corrupt each other's state. Classes (not interfaces) are returned as they
 * are. Thread-safe. Not a supported API.
 */
final class OwnerCheck implements InvocationHandler {
  private final Object target;
  private final Object key;
  private final CoroutineContext owner;

  private OwnerCheck(Object target, Object key, CoroutineContext owner) {
    this.target = target;
    this.key = key;
    this.owner = owner;
  }

  /**
   * {@code instance}, guarded when {@code type} is an interface that does not check its owner
   * itself.
   */
  static Object guard(Class<?> type, Object instance, Object key, CoroutineContext owner) {
    if (instance == null
        || !type.isInterface()
        || instance instanceof CoroutineConfined
        || Proxy.isProxyClass(instance.getClass())) {
      return instance;
    }
    return Proxies.newProxy(type, new OwnerCheck(instance, key, owner));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "OwnerChecked[" + target + "]";
      };
    }
    Confinement.check(owner.owner(), "@CoroutineScoped " + key, owner, method.getName());
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

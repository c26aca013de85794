package dev.workerdi.core.internal;

import dev.workerdi.core.CoroutineConfined;
import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import java.lang.reflect.Constructor;
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
public final class OwnerCheck implements InvocationHandler {
  private final Object target;
  private final Object key;
  private final CoroutineContext owner;

  private OwnerCheck(Object target, Object key, CoroutineContext owner) {
    this.target = target;
    this.key = key;
    this.owner = owner;
  }

  /** One proxy constructor per interface, so that guarding costs one allocation, not a lookup. */
  private static final ClassValue<Constructor<?>> PROXIES = new ClassValue<>() {
    @Override
    protected Constructor<?> computeValue(Class<?> type) {
      Object sample = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> null);
      try {
        return sample.getClass().getConstructor(InvocationHandler.class);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("proxy classes have an InvocationHandler constructor", e);
      }
    }
  };

  /** {@code instance}, guarded when {@code type} is an interface that does not check its owner itself. */
  static Object guard(Class<?> type, Object instance, Object key, CoroutineContext owner) {
    if (instance == null || !type.isInterface() || instance instanceof CoroutineConfined
        || Proxy.isProxyClass(instance.getClass())) {
      return instance;
    }
    return newProxy(type, new OwnerCheck(instance, key, owner));
  }

  /** A proxy of interface {@code type} calling {@code handler}, through a cached constructor. */
  public static Object newProxy(Class<?> type, InvocationHandler handler) {
    try {
      return PROXIES.get(type).newInstance(handler);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a proxy of " + type.getName(), e);
    }
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
    if (owner.owner() != Thread.currentThread()) {
      throw notOwner(method);
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private DiException notOwner(Method method) {
    return DiException.builder(ErrorId.NOT_OWNER, "@CoroutineScoped " + key + " was used from thread '"
            + Thread.currentThread().getName() + "', not by its coroutine " + owner)
        .field("key", key)
        .field("owner", owner + " on thread '" + owner.owner().getName() + "'")
        .field("method", method.getName())
        .field("caller", CallerLocation.application())
        .fix("Resolve the key in each coroutine that needs it (inject Provider<T>), instead of passing the "
            + "instance to another task.")
        .build();
  }
}

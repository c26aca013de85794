package dev.workerdi.lifecycle.junit;

import com.google.inject.Module;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Calls the module factories named in {@link ValidateModules#factories()}: static no-arg methods of
 * the test class (or its superclasses) returning a module, an array or an iterable of modules.
 * Stateless and thread-safe.
 */
final class ModuleFactories {
  private ModuleFactories() {}

  static List<Module> call(Class<?> testClass, String name) {
    Method method = find(testClass, name);
    Object result;
    try {
      method.setAccessible(true);
      result = method.invoke(null);
    } catch (InvocationTargetException e) {
      throw new ExtensionConfigurationException(
          "@ValidateModules factory "
              + describe(method)
              + " threw "
              + e.getCause()
              + ": make it return the modules without failing.",
          e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          "@ValidateModules cannot call " + describe(method) + ": " + e, e);
    }
    return modules(result, method);
  }

  private static Method find(Class<?> testClass, String name) {
    for (Class<?> type = testClass; type != null; type = type.getSuperclass()) {
      for (Method method : type.getDeclaredMethods()) {
        if (method.getName().equals(name)
            && method.getParameterCount() == 0
            && Modifier.isStatic(method.getModifiers())) {
          return method;
        }
      }
    }
    throw new ExtensionConfigurationException(
        "@ValidateModules names factory \""
            + name
            + "\" but "
            + testClass.getName()
            + " has no static no-arg method of that name: declare static Module "
            + name
            + "() { return ...; } (it may return a Module, a Module[] or a List<Module>).");
  }

  private static List<Module> modules(Object result, Method method) {
    List<Object> items = new ArrayList<>();
    if (result instanceof Module module) {
      items.add(module);
    } else if (result instanceof Module[] array) {
      items.addAll(Arrays.asList(array));
    } else if (result instanceof Iterable<?> iterable) {
      iterable.forEach(items::add);
    } else {
      items.add(result);
    }
    List<Module> modules = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof Module module)) {
        throw new ExtensionConfigurationException(
            "@ValidateModules factory "
                + describe(method)
                + " returned "
                + (item == null ? "null" : "a " + item.getClass().getName())
                + " where a Guice Module was expected.");
      }
      modules.add(module);
    }
    return modules;
  }

  private static String describe(Method method) {
    return method.getDeclaringClass().getName() + "." + method.getName() + "()";
  }
}

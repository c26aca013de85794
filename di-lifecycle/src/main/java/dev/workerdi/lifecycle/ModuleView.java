package dev.workerdi.lifecycle;

import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.spi.Element;
import java.util.List;

/**
 * What static validation read from the modules, as a {@link ValidationCheck} sees it: their Guice
 * elements and the classes Guice would construct. Nothing in it was built. Immutable and
 * thread-safe.
 */
public interface ModuleView {

  /**
   * A class Guice constructs itself (and so can intercept): bound with {@code bind(C.class)}, by
   * {@code toConstructor}, as the target of {@code to(C.class)} or {@code @ImplementedBy}, or just
   * in time because something injects it.
   *
   * @param type the class Guice calls the constructor of
   * @param key the key whose binding constructs it
   * @param source where that binding was declared, or {@code class C (just-in-time binding)}
   */
  record Constructed(Class<?> type, Key<?> key, String source) {}

  /**
   * Every element of the modules (and of the container's bindings, when one was given), those of
   * private modules inlined, in module order.
   */
  List<Element> elements();

  /** The explicit bindings among {@link #elements()}, in order. */
  List<Binding<?>> bindings();

  /**
   * Every concrete class Guice would construct for these modules, explicit bindings first, then the
   * classes reachable from them just in time; each class once.
   */
  List<Constructed> constructed();
}

package dev.workerdi.lifecycle.internal.validation;

import com.google.inject.Binding;
import com.google.inject.ConfigurationException;
import com.google.inject.ImplementedBy;
import com.google.inject.Key;
import com.google.inject.ProvidedBy;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.ConstructorBinding;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.HasDependencies;
import com.google.inject.spi.InjectionPoint;
import com.google.inject.spi.UntargettedBinding;
import dev.workerdi.core.spi.CallerLocation;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The bindings of the modules as a graph of keys, with the classes Guice would bind just in time,
 * read from annotations and injection points only: nothing is built. Not thread-safe; one per
 * validation. Not a supported API.
 */
final class BindingGraph {
  private static final Set<String> PROVIDER_TYPES =
      Set.of("com.google.inject.Provider", "jakarta.inject.Provider", "javax.inject.Provider");
  private static final List<String> OPAQUE_PACKAGES =
      List.of("java.", "javax.", "jakarta.", "com.google.");

  /**
   * One binding.
   *
   * @param deps keys injected directly: their instances live as long as this one
   * @param lazy keys injected as {@code Provider<T>}: resolved later, so no widening
   * @param constructs the class Guice calls the constructor of for this binding, or null when
   *     something else makes the instance (an instance, a provider, a link to another key)
   */
  record Node(
      Key<?> key,
      LifeSpan span,
      List<Key<?>> deps,
      List<Key<?>> lazy,
      String source,
      Class<?> constructs) {}

  private final LifeSpans spans;
  private final Map<Key<?>, Node> nodes = new LinkedHashMap<>();
  private final Set<Key<?>> unknown = new HashSet<>();

  BindingGraph(LifeSpans spans) {
    this.spans = spans;
  }

  /** Adds an explicit binding; the first binding of a key wins. */
  void add(Binding<?> binding) {
    Collection<Dependency<?>> dependencies =
        binding instanceof UntargettedBinding<?>
            ? classDependencies(binding.getKey().getTypeLiteral())
            : binding instanceof HasDependencies has ? has.getDependencies() : List.of();
    nodes.putIfAbsent(
        binding.getKey(),
        newNode(
            binding.getKey(),
            spans.of(binding),
            dependencies,
            CallerLocation.describe(binding.getSource()),
            constructedBy(binding)));
  }

  /** Adds a binding known without Guice elements (a declared recipe, built by the container). */
  void add(Key<?> key, LifeSpan span, Collection<Dependency<?>> dependencies, String source) {
    nodes.putIfAbsent(key, newNode(key, span, dependencies, source, null));
  }

  private static Class<?> constructedBy(Binding<?> binding) {
    if (binding instanceof ConstructorBinding<?> constructor) {
      return constructor.getConstructor().getDeclaringType().getRawType();
    }
    Class<?> type = binding.getKey().getTypeLiteral().getRawType();
    return binding instanceof UntargettedBinding<?> && isConcrete(type) ? type : null;
  }

  private static boolean isConcrete(Class<?> type) {
    return !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
  }

  /** The binding of {@code key}: explicit, or just in time; null when validation cannot tell. */
  Node node(Key<?> key) {
    Node node = nodes.get(key);
    if (node == null && !unknown.contains(key)) {
      node = justInTime(key);
      if (node == null) {
        unknown.add(key);
      } else {
        nodes.put(key, node);
      }
    }
    return node;
  }

  /** Every binding reachable from the explicit ones, explicit ones first, in order. */
  List<Node> all() {
    return reachable(List.of());
  }

  /**
   * Every binding reachable from the explicit ones and from {@code roots} (keys looked up with
   * {@code getProvider}, for instance), explicit ones first, in order.
   */
  List<Node> reachable(Collection<Key<?>> roots) {
    Set<Key<?>> seen = new LinkedHashSet<>(nodes.keySet());
    seen.addAll(roots);
    List<Key<?>> order = new ArrayList<>(seen);
    List<Node> all = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Node node = node(order.get(i));
      if (node != null) {
        all.add(node);
        Stream.concat(node.deps().stream(), node.lazy().stream())
            .filter(seen::add)
            .forEach(order::add);
      }
    }
    return all;
  }

  private Node justInTime(Key<?> key) {
    Class<?> type = key.getTypeLiteral().getRawType();
    if (key.getAnnotationType() != null || type.isPrimitive() || type.isArray() || isOpaque(type)) {
      return null;
    }
    String source = "class " + type.getName() + " (just-in-time binding)";
    ImplementedBy implementedBy = type.getAnnotation(ImplementedBy.class);
    ProvidedBy providedBy = type.getAnnotation(ProvidedBy.class);
    if (implementedBy != null || providedBy != null) {
      Class<?> target = implementedBy != null ? implementedBy.value() : providedBy.value();
      return newNode(
          key, LifeSpan.UNSCOPED, List.of(Dependency.get(Key.get(target))), source, null);
    }
    if (!isConcrete(type)) {
      return null;
    }
    return newNode(key, spans.ofClass(type), classDependencies(key.getTypeLiteral()), source, type);
  }

  private static Node newNode(
      Key<?> key,
      LifeSpan span,
      Collection<Dependency<?>> dependencies,
      String source,
      Class<?> constructs) {
    List<Key<?>> deps = new ArrayList<>();
    List<Key<?>> lazy = new ArrayList<>();
    for (Dependency<?> dependency : dependencies) {
      Key<?> provided = providedKey(dependency.getKey());
      if (provided == null) {
        deps.add(dependency.getKey());
      } else {
        lazy.add(provided);
      }
    }
    return new Node(key, span, List.copyOf(deps), List.copyOf(lazy), source, constructs);
  }

  /** The constructor and member dependencies Guice would inject into a class. */
  private static List<Dependency<?>> classDependencies(TypeLiteral<?> type) {
    List<Dependency<?>> dependencies = new ArrayList<>();
    try {
      dependencies.addAll(InjectionPoint.forConstructorOf(type).getDependencies());
    } catch (ConfigurationException e) {
      // No usable constructor: Guice reports that itself when the injector is created.
    }
    try {
      InjectionPoint.forInstanceMethodsAndFields(type)
          .forEach(point -> dependencies.addAll(point.getDependencies()));
    } catch (ConfigurationException e) {
      // Likewise for invalid members.
    }
    return dependencies;
  }

  /**
   * For a {@code Provider<T>} key, the key of {@code T} with the same annotation; otherwise null.
   */
  private static Key<?> providedKey(Key<?> key) {
    if (PROVIDER_TYPES.contains(key.getTypeLiteral().getRawType().getName())
        && key.getTypeLiteral().getType() instanceof ParameterizedType provider) {
      return key.ofType(provider.getActualTypeArguments()[0]);
    }
    return null;
  }

  private static boolean isOpaque(Class<?> type) {
    return OPAQUE_PACKAGES.stream().anyMatch(type.getName()::startsWith);
  }
}

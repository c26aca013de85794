package dev.workerdi.lifecycle.internal.validation;

import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.spi.Element;
import com.google.inject.spi.ProviderLookup;
import dev.workerdi.lifecycle.ModuleView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link ModuleView} that {@link ModuleValidator} hands to contributed checks: the flattened
 * elements, their bindings, and the classes the binding graph says Guice would construct (explicit
 * bindings, their targets and dependencies just in time, and keys looked up with {@code
 * getProvider}). Immutable and thread-safe once built. Not a supported API.
 */
final class ElementsView implements ModuleView {
  private final List<Element> elements;
  private final List<Binding<?>> bindings;
  private final List<Constructed> constructed;

  ElementsView(List<Element> elements, BindingGraph graph) {
    this.elements = List.copyOf(elements);
    List<Binding<?>> found = new ArrayList<>();
    List<Key<?>> lookups = new ArrayList<>();
    for (Element element : elements) {
      if (element instanceof Binding<?> binding) {
        found.add(binding);
      } else if (element instanceof ProviderLookup<?> lookup) {
        lookups.add(lookup.getKey());
      }
    }
    this.bindings = List.copyOf(found);
    this.constructed = constructed(graph.reachable(lookups));
  }

  private static List<Constructed> constructed(List<BindingGraph.Node> nodes) {
    Set<Class<?>> seen = new HashSet<>();
    List<Constructed> constructed = new ArrayList<>();
    for (BindingGraph.Node node : nodes) {
      if (node.constructs() != null && seen.add(node.constructs())) {
        constructed.add(new Constructed(node.constructs(), node.key(), node.source()));
      }
    }
    return List.copyOf(constructed);
  }

  @Override
  public List<Element> elements() {
    return elements;
  }

  @Override
  public List<Binding<?>> bindings() {
    return bindings;
  }

  @Override
  public List<Constructed> constructed() {
    return constructed;
  }
}

package dev.workerdi.lifecycle.internal.validation;

import com.google.inject.Key;
import dev.workerdi.lifecycle.ValidationReport.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds scope widening: a binding that outlives a worker (or a coroutine) and depends on a worker-
 * (or coroutine-) scoped key, directly or through unscoped bindings, but not through {@code
 * Provider<T>}. Each offending pair is reported once, with its shortest chain. Stateless and
 * thread-safe. Not a supported API.
 */
final class WideningCheck {
  private WideningCheck() {}

  static List<Problem> find(BindingGraph graph) {
    List<Problem> problems = new ArrayList<>();
    for (BindingGraph.Node root : graph.all()) {
      if (root.span().outlives(LifeSpan.COROUTINE)) {
        search(graph, root, problems);
      }
    }
    return problems;
  }

  /** Breadth first from {@code root}, through unscoped bindings only. */
  private static void search(BindingGraph graph, BindingGraph.Node root, List<Problem> problems) {
    Map<Key<?>, Key<?>> parents = new HashMap<>();
    parents.put(root.key(), null);
    Deque<BindingGraph.Node> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      BindingGraph.Node current = queue.poll();
      for (Key<?> dependency : current.deps()) {
        if (parents.containsKey(dependency)) {
          continue;
        }
        parents.put(dependency, current.key());
        BindingGraph.Node next = graph.node(dependency);
        if (next == null) {
          continue;
        }
        if (root.span().outlives(next.span())) {
          problems.add(ValidationErrors.widening(root, chain(parents, dependency), next));
        } else if (next.span().isTransparent()) {
          queue.add(next);
        }
      }
    }
  }

  private static List<Key<?>> chain(Map<Key<?>, Key<?>> parents, Key<?> last) {
    List<Key<?>> chain = new ArrayList<>();
    for (Key<?> key = last; key != null; key = parents.get(key)) {
      chain.add(key);
    }
    Collections.reverse(chain);
    return chain;
  }
}

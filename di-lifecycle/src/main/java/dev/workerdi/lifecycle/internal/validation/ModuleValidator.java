package dev.workerdi.lifecycle.internal.validation;

import com.google.inject.Binding;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.ExposedBinding;
import com.google.inject.spi.InjectionRequest;
import com.google.inject.spi.InstanceBinding;
import com.google.inject.spi.Message;
import com.google.inject.spi.PrivateElements;
import com.google.inject.spi.ScopeBinding;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.spi.ConnectionLike;
import dev.workerdi.lifecycle.ModuleView;
import dev.workerdi.lifecycle.Validation;
import dev.workerdi.lifecycle.ValidationCheck;
import dev.workerdi.lifecycle.ValidationReport.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The engine behind {@link Validation}: reads the modules' elements once, then runs each check (its
 * own, then those the modules contributed as {@link ValidationCheck}s) and collects every problem.
 * Builds nothing and creates no injector. Stateless and thread-safe. Not a supported API.
 */
public final class ModuleValidator {
  private ModuleValidator() {}

  /**
   * Every problem in {@code modules} (and in {@code di}'s bindings, when not null), in module
   * order.
   */
  public static List<Problem> validate(Di di, List<Module> modules) {
    List<Module> all = new ArrayList<>(modules);
    LifeSpans spans = new LifeSpans();
    if (di != null) {
      all.add(di.module());
      spans.addScopes(di.workerScope(), di.coroutineScope());
    }
    List<Element> elements = flatten(Elements.getElements(Stage.TOOL, all), new ArrayList<>());
    elements.stream()
        .filter(ScopeBinding.class::isInstance)
        .map(ScopeBinding.class::cast)
        .forEach(spans::add);

    BindingGraph graph = new BindingGraph(spans);
    List<Problem> problems = new ArrayList<>();
    List<Problem> connections = new ArrayList<>();
    for (Element element : elements) {
      if (element instanceof Binding<?> binding) {
        graph.add(binding);
        checkConnection(binding, connections);
      } else if (element instanceof Message message
          && message.getCause() instanceof DiException thrown) {
        problems.add(ValidationErrors.thrownWhileConfiguring(thrown, message.getSource()));
      }
    }
    List<Problem> recipes = RecipeCheck.check(modules, graph);
    problems.addAll(connections);
    problems.addAll(WideningCheck.find(graph));
    problems.addAll(recipes);
    Set<ValidationCheck> checks = contributedChecks(elements);
    if (!checks.isEmpty()) {
      ModuleView view = new ElementsView(elements, graph);
      checks.forEach(check -> problems.addAll(check.check(view)));
    }
    return problems;
  }

  /**
   * The checks the modules contributed ({@link ValidationCheck#contribute}), each once, in order.
   */
  private static Set<ValidationCheck> contributedChecks(List<Element> elements) {
    Set<ValidationCheck> checks = new LinkedHashSet<>();
    for (Element element : elements) {
      if (element instanceof InjectionRequest<?> request
          && request.getInstance() instanceof ValidationCheck check) {
        checks.add(check);
      }
    }
    return checks;
  }

  /**
   * Instance bindings cannot be scoped: a connection-like instance is always shared by everyone.
   */
  private static void checkConnection(Binding<?> binding, List<Problem> problems) {
    if (binding instanceof InstanceBinding<?> instance && instance.getInstance() != null) {
      String kind = ConnectionLike.kindOf(instance.getInstance().getClass());
      if (kind != null) {
        problems.add(ValidationErrors.sharedConnection(instance, kind));
      }
    }
  }

  /** The elements with those of private modules inlined (their exposed keys are bound inside). */
  private static List<Element> flatten(List<Element> elements, List<Element> into) {
    for (Element element : elements) {
      if (element instanceof PrivateElements privateElements) {
        flatten(privateElements.getElements(), into);
      } else if (!(element instanceof ExposedBinding<?>)) {
        into.add(element);
      }
    }
    return into;
  }
}

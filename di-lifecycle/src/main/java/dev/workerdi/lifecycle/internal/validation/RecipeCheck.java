package dev.workerdi.lifecycle.internal.validation;

import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.name.Names;
import dev.workerdi.core.BindingInfo;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.Sharing;
import dev.workerdi.lifecycle.RecipeDeclaration;
import dev.workerdi.lifecycle.RecipeModule;
import dev.workerdi.lifecycle.ValidationReport.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the recipes that {@link RecipeModule}s declare by registering them into a scratch
 * container, which validates each without building it, and adds the buildable ones to the graph
 * under the keys {@link Di#module()} would bind. Stateless and thread-safe. Not a supported API.
 */
final class RecipeCheck {
  private RecipeCheck() {}

  static List<Problem> check(List<Module> modules, BindingGraph graph) {
    List<Problem> problems = new ArrayList<>();
    try (Di scratch = Di.create()) {
      for (Module module : modules) {
        if (module instanceof RecipeModule recipes) {
          check(recipes, scratch, graph, problems);
        }
      }
    }
    return problems;
  }

  private static void check(
      RecipeModule module, Di scratch, BindingGraph graph, List<Problem> problems) {
    String name = module.getClass().getName();
    List<RecipeDeclaration> declarations;
    try {
      declarations = module.declarations();
    } catch (RuntimeException e) {
      problems.add(ValidationErrors.unreadableRecipes(name, e));
      return;
    }
    for (RecipeDeclaration declaration : declarations) {
      try {
        scratch.set(declaration.key(), declaration.recipe());
      } catch (DiException e) {
        problems.add(ValidationErrors.unbuildable(declaration, name, e));
        continue;
      }
      scratch
          .binding(Key.get(Object.class, Names.named(declaration.key())))
          .ifPresent(info -> addToGraph(info, declaration.source(), graph));
    }
  }

  private static void addToGraph(BindingInfo info, String source, BindingGraph graph) {
    LifeSpan span = info.sharing() == Sharing.WORKER ? LifeSpan.WORKER : LifeSpan.PROCESS_RECIPE;
    graph.add(info.key(), span, List.of(), source);
    graph.add(Key.get(info.type(), Names.named(info.name())), span, List.of(), source);
  }
}

package dev.workerdi.lifecycle.internal.host;

import com.google.inject.Module;
import dev.workerdi.core.Di;
import dev.workerdi.lifecycle.RecipeModule;
import java.util.List;

/**
 * What the host does before the first hook: registers the recipes that {@link RecipeModule}s
 * declare, so that the boot injector binds them. Stateless and thread-safe. Not a supported API.
 */
final class PreStart {
  private PreStart() {}

  static void registerRecipes(List<Module> modules, Di di) {
    for (Module module : modules) {
      if (module instanceof RecipeModule recipes) {
        recipes.registerInto(di);
      }
    }
  }
}

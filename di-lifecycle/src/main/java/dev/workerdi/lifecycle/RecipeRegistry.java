package dev.workerdi.lifecycle;

import dev.workerdi.core.Di;
import dev.workerdi.core.Recipe;

/**
 * Where a {@link RecipeModule} declares its container recipes, in the shape of {@link Di#set}:
 * {@code r.set("MYSQL", "com.example.MysqlClient", "db.local", 3306)}.
 *
 * <p>Declaring records the recipe and the caller's file and line; it does not load the class or
 * check the arguments. That happens when the recipes are registered into a {@link Di} (at
 * FRAME_INITIALIZE) or validated by {@link Validation}, which reports every recipe that cannot be
 * built. Only valid during {@link RecipeModule#recipes(RecipeRegistry)}; not thread-safe.
 */
public interface RecipeRegistry {

  /** Declares a worker-bound recipe for the class of that binary name. */
  void set(String key, String className, Object... args);

  /** Declares a worker-bound recipe for {@code type}. */
  void set(String key, Class<?> type, Object... args);

  /**
   * Declares {@code recipe} (for example {@code Recipe.of(...).processWide()}) under {@code key}.
   */
  void set(String key, Recipe recipe);
}

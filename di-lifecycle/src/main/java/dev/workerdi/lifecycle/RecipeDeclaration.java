package dev.workerdi.lifecycle;

import dev.workerdi.core.Recipe;

/**
 * One recipe declared by a {@link RecipeModule}, not yet validated. Immutable and thread-safe when
 * the recipe's arguments are; {@link #toString()} masks secrets like {@link Recipe} does.
 *
 * @param key the string key it will be registered under
 * @param recipe the class (or class name) and arguments
 * @param source where it was declared, as {@code
 *     com.example.JdbcModule.recipes(JdbcModule.java:12)}
 */
public record RecipeDeclaration(String key, Recipe recipe, String source) {}

package dev.workerdi.lifecycle;

import com.google.inject.AbstractModule;
import dev.workerdi.core.Di;
import dev.workerdi.core.Recipe;
import dev.workerdi.core.spi.CallerLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Guice module that declares container recipes statically, so that they can be validated before
 * anything starts and registered at FRAME_INITIALIZE:
 *
 * <pre>{@code
 * final class JdbcModule extends RecipeModule {
 *   @Override
 *   protected void recipes(RecipeRegistry r) {
 *     r.set("MYSQL", "com.example.MysqlClient", "db.local", 3306, Secret.of(password));
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #configure()} binds nothing: once {@link #registerInto(Di)} has registered the recipes,
 * {@link Di#module()} binds them. Subclasses may override {@code configure()} to add ordinary Guice
 * bindings. The host and {@link Validation} find recipe modules among the modules they are given
 * (not among modules installed by other modules). {@link #recipes(RecipeRegistry)} runs once, on
 * first use; thread-safe.
 */
public abstract class RecipeModule extends AbstractModule {
  private final ReentrantLock lock = new ReentrantLock();
  private List<RecipeDeclaration> declarations;

  /** A recipe module; its recipes are declared on first use, not here. */
  protected RecipeModule() {}

  /** Declares this module's recipes; nothing is loaded or checked here. */
  protected abstract void recipes(RecipeRegistry r);

  /** The declared recipes, in declaration order (calls {@link #recipes(RecipeRegistry)} once). */
  public final List<RecipeDeclaration> declarations() {
    lock.lock();
    try {
      if (declarations == null) {
        Recorder recorder = new Recorder();
        recipes(recorder);
        declarations = List.copyOf(recorder.declared);
      }
      return declarations;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Registers every declared recipe into {@code di}, in order. {@code di} validates each and throws
   * the first {@code DiException}; recipes registered before it stay registered.
   */
  public final void registerInto(Di di) {
    for (RecipeDeclaration declaration : declarations()) {
      CallerLocation.as(
          declaration.source(), () -> di.set(declaration.key(), declaration.recipe()));
    }
  }

  /** Binds nothing; override to add Guice bindings next to the recipes. */
  @Override
  protected void configure() {}

  /** Records declarations with the caller's location. */
  private static final class Recorder implements RecipeRegistry {
    private final List<RecipeDeclaration> declared = new ArrayList<>();

    @Override
    public void set(String key, String className, Object... args) {
      declared.add(new RecipeDeclaration(key, Recipe.of(className, args), CallerLocation.here()));
    }

    @Override
    public void set(String key, Class<?> type, Object... args) {
      declared.add(new RecipeDeclaration(key, Recipe.of(type, args), CallerLocation.here()));
    }

    @Override
    public void set(String key, Recipe recipe) {
      declared.add(new RecipeDeclaration(key, recipe, CallerLocation.here()));
    }
  }
}

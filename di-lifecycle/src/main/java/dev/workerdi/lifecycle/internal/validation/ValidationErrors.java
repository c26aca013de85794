package dev.workerdi.lifecycle.internal.validation;

import com.google.inject.Key;
import com.google.inject.spi.InstanceBinding;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.Recipe;
import dev.workerdi.core.Sharing;
import dev.workerdi.core.spi.CallerLocation;
import dev.workerdi.lifecycle.RecipeDeclaration;
import dev.workerdi.lifecycle.ValidationReport.Problem;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The message factories of static validation: one method per problem, each in {@link DiException}'s
 * format with what, which key, declared where and the fix. Stateless and thread-safe. Not a
 * supported API.
 */
final class ValidationErrors {
  /** Lines of a nested container message that only repeat the key or point at the validator. */
  private static final Pattern REDUNDANT = Pattern.compile("^  (key|recipe|at|caller):.*");

  private ValidationErrors() {}

  static Problem sharedConnection(InstanceBinding<?> binding, String kind) {
    String key = Sources.key(binding.getKey());
    String source = CallerLocation.describe(binding.getSource());
    return problem(
        source,
        DiException.builder(
                ErrorId.SHARED_CONNECTION_INSTANCE,
                "Instance binding of "
                    + key
                    + " is one already-built "
                    + kind
                    + ", shared by every worker")
            .field("key", key)
            .field("instance", Sources.instance(binding.getInstance()))
            .field("declared", source)
            .fix(
                "Bind a recipe instead (Di.set(key, TheClass.class, args...) or a RecipeModule) or a @WorkerScoped "
                    + "provider, so that each worker opens its own on first use: one connection shared by all workers "
                    + "mixes their traffic on one socket."));
  }

  static Problem widening(BindingGraph.Node root, List<Key<?>> chain, BindingGraph.Node target) {
    String rootLabel = root.span().label();
    String targetLabel = target.span().label();
    boolean coroutine = target.span() == LifeSpan.COROUTINE;
    String key = Sources.key(root.key());
    String simple = root.key().getTypeLiteral().getRawType().getSimpleName();
    return problem(
        root.source(),
        DiException.builder(
                ErrorId.SCOPE_WIDENING,
                Character.toUpperCase(rootLabel.charAt(0))
                    + rootLabel.substring(1)
                    + " "
                    + key
                    + " depends on "
                    + targetLabel
                    + " "
                    + Sources.key(target.key()))
            .field("key", key)
            .field("scope", rootLabel)
            .field("chain", chain.stream().map(Sources::key).collect(Collectors.joining(" -> ")))
            .field("declared", root.source())
            .field(
                "target",
                Sources.key(target.key()) + ", " + targetLabel + ", declared at " + target.source())
            .fix(
                "Inject "
                    + provider(chain.size() > 1 ? chain.get(1) : target.key())
                    + " and call get() each time it is used, inside "
                    + (coroutine ? "a worker task (coroutine)" : "a worker task or onWorkerStart")
                    + ", or make "
                    + simple
                    + (coroutine ? " @CoroutineScoped" : " @WorkerScoped")
                    + " too: one "
                    + simple
                    + " outlives many "
                    + (coroutine ? "coroutines" : "workers")
                    + " and would hand the first one's "
                    + target.key().getTypeLiteral().getRawType().getSimpleName()
                    + " to all of them."));
  }

  static Problem unbuildable(RecipeDeclaration declaration, String module, DiException cause) {
    Recipe recipe = declaration.recipe();
    return problem(
        declaration.source(),
        DiException.builder(
                ErrorId.UNBUILDABLE_RECIPE,
                "Recipe \"" + declaration.key() + "\" declared in " + module + " cannot be built")
            .field("key", "\"" + declaration.key() + "\"")
            .field(
                "recipe",
                recipe == null
                    ? null
                    : recipe.className()
                        + recipe.describeArgs()
                        + (recipe.sharing() == Sharing.WORKER
                            ? " (worker-bound)"
                            : " (process-wide)"))
            .field("declared", declaration.source())
            .field("problem", withoutRedundantLines(cause.getMessage()))
            .fix(
                "Correct the recipe as the problem says: registering it at FRAME_INITIALIZE would fail the "
                    + "same way."));
  }

  static Problem unreadableRecipes(String module, RuntimeException cause) {
    return problem(
        module,
        DiException.builder(
                ErrorId.UNBUILDABLE_RECIPE,
                "The recipes of " + module + " cannot be read: recipes(RecipeRegistry) threw")
            .field("module", module)
            .field("declared", module + ".recipes(RecipeRegistry)")
            .cause(cause)
            .fix(
                "Make recipes(RecipeRegistry) only declare recipes, each with a class or class name; its other "
                    + "recipes are not validated until it runs."));
  }

  /** A container error that a module's {@code configure()} threw, such as an early {@code get}. */
  static Problem thrownWhileConfiguring(DiException cause, Object source) {
    return new Problem(cause.id(), cause.getMessage(), CallerLocation.describe(source));
  }

  private static Problem problem(String source, DiException.Builder message) {
    DiException built = message.build();
    return new Problem(built.id(), built.getMessage(), source);
  }

  private static String provider(Key<?> key) {
    String qualifier = Sources.key(key.ofType(Object.class));
    String annotation =
        qualifier.startsWith("@") ? qualifier.substring(0, qualifier.lastIndexOf(' ') + 1) : "";
    return annotation + "Provider<" + key.getTypeLiteral().getRawType().getSimpleName() + ">";
  }

  private static String withoutRedundantLines(String message) {
    StringBuilder kept = new StringBuilder();
    boolean skipping = false;
    for (String line : message.split("\n", -1)) {
      boolean field = line.startsWith("  ") && line.length() > 2 && line.charAt(2) != ' ';
      skipping = field ? REDUNDANT.matcher(line).matches() : skipping;
      if (!skipping) {
        kept.append(kept.isEmpty() ? "" : "\n")
            .append(line.startsWith("  ") ? line.substring(2) : line);
      }
    }
    return kept.toString();
  }
}

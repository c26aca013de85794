package dev.workerdi.lifecycle.internal.validation;

import com.google.inject.Binding;
import com.google.inject.Scope;
import com.google.inject.ScopeAnnotation;
import com.google.inject.Scopes;
import com.google.inject.spi.BindingScopingVisitor;
import com.google.inject.spi.ConstructorBinding;
import com.google.inject.spi.InstanceBinding;
import com.google.inject.spi.ProviderInstanceBinding;
import com.google.inject.spi.ScopeBinding;
import com.google.inject.spi.UntargettedBinding;
import dev.workerdi.core.CoroutineScoped;
import dev.workerdi.core.Sharing;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.core.spi.RecipeSource;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells the {@link LifeSpan} of a binding, a scope, a scope annotation or a class, knowing which
 * scope instances the modules bound to {@code @WorkerScoped} and {@code @CoroutineScoped}. Not
 * thread-safe; one per validation. Not a supported API.
 */
final class LifeSpans {
  private final Map<Class<? extends Annotation>, Scope> scopeBindings = new HashMap<>();
  private final Set<Scope> workerScopes = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Scope> coroutineScopes = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Learns a {@code bindScope} of the modules. */
  void add(ScopeBinding binding) {
    scopeBindings.put(binding.getAnnotationType(), binding.getScope());
    if (binding.getAnnotationType() == WorkerScoped.class) {
      workerScopes.add(binding.getScope());
    } else if (binding.getAnnotationType() == CoroutineScoped.class) {
      coroutineScopes.add(binding.getScope());
    }
  }

  /** Learns the scopes of a container whose module may not be among the modules. */
  void addScopes(Scope worker, Scope coroutine) {
    workerScopes.add(worker);
    coroutineScopes.add(coroutine);
  }

  LifeSpan of(Binding<?> binding) {
    if (binding instanceof InstanceBinding<?>) {
      return LifeSpan.INSTANCE;
    }
    if (binding instanceof ProviderInstanceBinding<?> provided
        && provided.getUserSuppliedProvider() instanceof RecipeSource recipe) {
      return recipe.info().sharing() == Sharing.WORKER ? LifeSpan.WORKER : LifeSpan.PROCESS_RECIPE;
    }
    LifeSpan explicit = binding.acceptScopingVisitor(new Visitor());
    boolean classScoped =
        binding instanceof UntargettedBinding<?> || binding instanceof ConstructorBinding<?>;
    return explicit == null && classScoped
        ? ofClass(binding.getKey().getTypeLiteral().getRawType())
        : explicit == null ? LifeSpan.UNSCOPED : explicit;
  }

  /**
   * The span a scope annotation on {@code type} gives it: Guice's rule for just-in-time classes.
   */
  LifeSpan ofClass(Class<?> type) {
    for (Annotation annotation : type.getAnnotations()) {
      Class<? extends Annotation> annotationType = annotation.annotationType();
      if (annotationType.isAnnotationPresent(ScopeAnnotation.class)
          || annotationType.isAnnotationPresent(jakarta.inject.Scope.class)) {
        return ofAnnotation(annotationType);
      }
    }
    return LifeSpan.UNSCOPED;
  }

  LifeSpan ofAnnotation(Class<? extends Annotation> annotationType) {
    String name = annotationType.getName();
    if (name.equals("com.google.inject.Singleton")
        || name.equals("jakarta.inject.Singleton")
        || name.equals("javax.inject.Singleton")) {
      return LifeSpan.SINGLETON;
    } else if (annotationType == WorkerScoped.class) {
      return LifeSpan.WORKER;
    } else if (annotationType == CoroutineScoped.class) {
      return LifeSpan.COROUTINE;
    }
    Scope scope = scopeBindings.get(annotationType);
    return scope == null ? LifeSpan.OTHER : ofScope(scope);
  }

  LifeSpan ofScope(Scope scope) {
    if (scope == Scopes.SINGLETON) {
      return LifeSpan.SINGLETON;
    } else if (scope == Scopes.NO_SCOPE) {
      return LifeSpan.UNSCOPED;
    }
    return workerScopes.contains(scope)
        ? LifeSpan.WORKER
        : coroutineScopes.contains(scope) ? LifeSpan.COROUTINE : LifeSpan.OTHER;
  }

  /** A binding's explicit scoping, or null when it has none. */
  private final class Visitor implements BindingScopingVisitor<LifeSpan> {
    @Override
    public LifeSpan visitEagerSingleton() {
      return LifeSpan.EAGER_SINGLETON;
    }

    @Override
    public LifeSpan visitScope(Scope scope) {
      return ofScope(scope);
    }

    @Override
    public LifeSpan visitScopeAnnotation(Class<? extends Annotation> scopeAnnotation) {
      return ofAnnotation(scopeAnnotation);
    }

    @Override
    public LifeSpan visitNoScoping() {
      return null;
    }
  }
}

package dev.workerdi.jdbc.validation;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Named;
import com.google.inject.util.Types;
import dev.workerdi.core.Secret;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.jdbc.FanOut;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.Transactions;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.lifecycle.RecipeModule;
import dev.workerdi.lifecycle.RecipeRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The ways application code holds a library binding, each as a module: a
 * {@code @Provides @Singleton} method, a singleton or eager singleton class injecting it, a
 * worker-scoped class injecting it, a singleton reaching it through an unscoped class, and a
 * singleton holding only a {@code Provider} of it.
 */
final class Holders {
  private Holders() {}

  /** Holds a {@code T} injected in its constructor. */
  static final class Holder<T> {
    @Inject
    Holder(T held) {}
  }

  /** Unscoped: its dependencies count as its dependents'. */
  static final class Middle<T> {
    @Inject
    Middle(Holder<T> held) {}
  }

  /** A singleton two steps away from the held key. */
  static final class Outer<T> {
    @Inject
    Outer(Middle<T> middle) {}
  }

  /** Holds only a provider: resolved later, so never widening. */
  static final class Lazy<T> {
    @Inject
    Lazy(Provider<T> held) {}
  }

  /** How a module binds its holder of {@code type}. */
  enum Form {
    SINGLETON(
        type ->
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(literal(Holder.class, type)).in(Scopes.SINGLETON);
              }
            }),
    EAGER_SINGLETON(
        type ->
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(literal(Holder.class, type)).asEagerSingleton();
              }
            }),
    WORKER_SCOPED(
        type ->
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(literal(Holder.class, type)).in(WorkerScoped.class);
              }
            }),
    TRANSITIVE(
        type ->
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(literal(Outer.class, type)).in(Scopes.SINGLETON);
              }
            }),
    THROUGH_PROVIDER(
        type ->
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(literal(Lazy.class, type)).in(Scopes.SINGLETON);
              }
            });

    private final Function<Class<?>, AbstractModule> module;

    Form(Function<Class<?>, AbstractModule> module) {
      this.module = module;
    }

    AbstractModule holding(Class<?> type) {
      return module.apply(type);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> TypeLiteral<T> literal(Class<?> generic, Class<?> argument) {
    return (TypeLiteral<T>)
        TypeLiteral.get(Types.newParameterizedTypeWithOwner(Holders.class, generic, argument));
  }

  /** What a report needs: the README's example of scope widening. */
  static final class Report {
    Report(Object source) {}
  }

  /** {@code @Provides @Singleton Report report(Connection c)}, the README's example. */
  static final class ProvidesConnection extends AbstractModule {
    @Provides
    @Singleton
    Report report(Connection connection) {
      return new Report(connection);
    }
  }

  static final class ProvidesLease extends AbstractModule {
    @Provides
    @Singleton
    Report report(Lease lease) {
      return new Report(lease);
    }
  }

  static final class ProvidesPool extends AbstractModule {
    @Provides
    @Singleton
    Report report(WorkerPool pool) {
      return new Report(pool);
    }
  }

  static final class ProvidesDataSource extends AbstractModule {
    @Provides
    @Singleton
    Report report(DataSource dataSource) {
      return new Report(dataSource);
    }
  }

  static final class ProvidesTransactions extends AbstractModule {
    @Provides
    @Singleton
    Report report(Transactions transactions) {
      return new Report(transactions);
    }
  }

  static final class ProvidesFanOut extends AbstractModule {
    @Provides
    @Singleton
    Report report(FanOut fanOut) {
      return new Report(fanOut);
    }
  }

  static final class ProvidesSettings extends AbstractModule {
    @Provides
    @Singleton
    Report report(JdbcSettings settings) {
      return new Report(settings);
    }
  }

  /** A recipe and a singleton that injects it. */
  static final class Recipes extends RecipeModule {
    @Override
    protected void recipes(RecipeRegistry registry) {
      registry.set("REPORTS", ReportClient.class, "reports.local", 3306, Secret.of("s3cret"));
    }
  }

  static final class ProvidesRecipe extends AbstractModule {
    @Provides
    @Singleton
    Report report(@Named("REPORTS") ReportClient client) {
      return new Report(client);
    }
  }

  /** For {@code JdbcModule.named("reports", ...)}. */
  static final class ProvidesNamedConnection extends AbstractModule {
    @Provides
    @Singleton
    Report report(@Named("reports") Connection connection) {
      return new Report(connection);
    }
  }

  /** For {@code JdbcModule.named("reports", ...)}: worker-bound, so reported. */
  static final class ProvidesNamedDataSource extends AbstractModule {
    @Provides
    @Singleton
    Report report(@Named("reports") DataSource dataSource) {
      return new Report(dataSource);
    }
  }

  /** For {@code JdbcModule.named("reports", ...)}: takes the lease per call, so not reported. */
  static final class ProvidesNamedTransactions extends AbstractModule {
    @Provides
    @Singleton
    Report report(@Named("reports") Transactions transactions) {
      return new Report(transactions);
    }
  }

  /** The recipe's class. */
  public static final class ReportClient {
    public ReportClient(String host, int port, String password) {}
  }
}

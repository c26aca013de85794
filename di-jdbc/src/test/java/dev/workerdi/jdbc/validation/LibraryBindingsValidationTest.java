package dev.workerdi.jdbc.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.HasDependencies;
import com.google.inject.spi.ProviderInstanceBinding;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.FanOut;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.Transactions;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.internal.LeaseSource;
import dev.workerdi.lifecycle.Validation;
import dev.workerdi.lifecycle.ValidationReport;
import dev.workerdi.testing.Golden;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Static validation sees through every binding the library contributes: each exposes its
 * dependencies to Guice's SPI, so that a singleton, an eager singleton, a
 * {@code @Provides @Singleton} method or a worker-scoped class reaching a worker- or
 * coroutine-scoped one, directly or transitively (but not through {@code Provider<T>}), is reported
 * as {@code DI-232} with its chain. A binding added to {@link JdbcModule} fails {@link
 * #everyLibraryBindingIsInTheTable()} until it has rows here.
 */
class LibraryBindingsValidationTest {
  private static final JdbcSettings SETTINGS =
      JdbcSettings.fromMap(Map.of("jdbcUrl", "jdbc:mysql://db.example:3306/shop"));

  /**
   * Each library type (including the internal {@code LeaseSource}, the pool as the library's own
   * bindings hold it), and the chain a singleton holding it directly is reported with (empty: not
   * widening). {@code Transactions} is not widening: it declares only {@code Provider<Lease>} and
   * takes the calling coroutine's lease on each call.
   */
  private static final Map<Class<?>, String> HELD =
      Map.of(
          Connection.class, "java.sql.Connection -> dev.workerdi.jdbc.Lease",
          Lease.class, "dev.workerdi.jdbc.Lease",
          WorkerPool.class, "dev.workerdi.jdbc.WorkerPool",
          DataSource.class, "javax.sql.DataSource",
          Transactions.class, "",
          FanOut.class, "",
          JdbcSettings.class, "",
          LeaseSource.class, "dev.workerdi.jdbc.internal.LeaseSource");

  /** The library types bound per worker: a worker-scoped holder of one of them is not widening. */
  private static final Set<Class<?>> PER_WORKER =
      Set.of(WorkerPool.class, DataSource.class, LeaseSource.class);

  private record Row(String name, List<Module> modules, ErrorId expected, String chainEnd) {}

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (Class<?> type :
        HELD.keySet().stream().sorted(Comparator.comparing(Class::getName)).toList()) {
      String chainEnd = HELD.get(type);
      boolean widening = !chainEnd.isEmpty();
      for (Holders.Form form : Holders.Form.values()) {
        boolean reported =
            widening
                && form != Holders.Form.THROUGH_PROVIDER
                && !(form == Holders.Form.WORKER_SCOPED && PER_WORKER.contains(type));
        rows.add(
            new Row(
                type.getSimpleName() + " held by " + form,
                List.of(JdbcModule.of(SETTINGS), form.holding(type)),
                reported ? ErrorId.SCOPE_WIDENING : null,
                chainEnd));
      }
    }
    rows.add(
        new Row(
            "Connection in @Provides @Singleton",
            List.of(JdbcModule.of(SETTINGS), new Holders.ProvidesConnection()),
            ErrorId.SCOPE_WIDENING,
            HELD.get(Connection.class)));
    rows.add(
        new Row(
            "Lease in @Provides @Singleton",
            List.of(JdbcModule.of(SETTINGS), new Holders.ProvidesLease()),
            ErrorId.SCOPE_WIDENING,
            HELD.get(Lease.class)));
    rows.add(
        new Row(
            "WorkerPool in @Provides @Singleton",
            List.of(JdbcModule.of(SETTINGS), new Holders.ProvidesPool()),
            ErrorId.SCOPE_WIDENING,
            HELD.get(WorkerPool.class)));
    rows.add(
        new Row(
            "DataSource in @Provides @Singleton",
            List.of(JdbcModule.of(SETTINGS), new Holders.ProvidesDataSource()),
            ErrorId.SCOPE_WIDENING,
            HELD.get(DataSource.class)));
    rows.add(
        new Row(
            "Transactions in @Provides @Singleton",
            List.of(JdbcModule.of(SETTINGS), new Holders.ProvidesTransactions()),
            null,
            ""));
    rows.add(
        new Row(
            "FanOut in @Provides @Singleton",
            List.of(JdbcModule.of(SETTINGS), new Holders.ProvidesFanOut()),
            null,
            ""));
    rows.add(
        new Row(
            "JdbcSettings in @Provides @Singleton",
            List.of(JdbcModule.of(SETTINGS), new Holders.ProvidesSettings()),
            null,
            ""));
    rows.add(
        new Row(
            "recipe in @Provides @Singleton",
            List.of(new Holders.Recipes(), new Holders.ProvidesRecipe()),
            ErrorId.SCOPE_WIDENING,
            "@Named(\"REPORTS\") " + Holders.ReportClient.class.getName()));
    rows.add(
        new Row(
            "named Connection in @Provides @Singleton",
            List.of(JdbcModule.named("reports", SETTINGS), new Holders.ProvidesNamedConnection()),
            ErrorId.SCOPE_WIDENING,
            "@Named(\"reports\") dev.workerdi.jdbc.Lease"));
    rows.add(
        new Row(
            "named DataSource in @Provides @Singleton",
            List.of(JdbcModule.named("reports", SETTINGS), new Holders.ProvidesNamedDataSource()),
            ErrorId.SCOPE_WIDENING,
            "@Named(\"reports\") javax.sql.DataSource"));
    rows.add(
        new Row(
            "named Transactions in @Provides @Singleton",
            List.of(JdbcModule.named("reports", SETTINGS), new Holders.ProvidesNamedTransactions()),
            null,
            ""));
    return rows;
  }

  @TestFactory
  Stream<DynamicTest> eachWayOfHoldingALibraryBindingIsReportedExactlyWhenItWidensTheScope() {
    return rows().stream()
        .map(
            row ->
                DynamicTest.dynamicTest(
                    row.name(),
                    () -> {
                      ValidationReport report = Validation.validate(row.modules());
                      List<ErrorId> ids =
                          report.problems().stream().map(ValidationReport.Problem::id).toList();
                      assertEquals(
                          row.expected() == null ? List.of() : List.of(row.expected()),
                          ids,
                          report.toString());
                      if (row.expected() != null) {
                        String message = report.problems().get(0).message();
                        String chain =
                            message
                                .lines()
                                .filter(line -> line.startsWith("  chain:"))
                                .findFirst()
                                .orElseThrow();
                        assertTrue(
                            chain.endsWith(row.chainEnd()),
                            "chain ends with " + row.chainEnd() + ": " + chain);
                      }
                    }));
  }

  @Test
  void theReadmeExampleIsReportedWithItsChain() {
    ValidationReport report =
        Validation.validate(List.of(JdbcModule.of(SETTINGS), new Holders.ProvidesConnection()));
    assertEquals(1, report.problems().size(), report.toString());
    Golden.assertMatches(
        "jdbc/validation_provides_singleton_connection", report.problems().get(0).message());
  }

  @Test
  void aTransitiveChainThroughUnscopedClassesIsReportedWithEveryStep() {
    ValidationReport report =
        Validation.validate(
            List.of(JdbcModule.of(SETTINGS), Holders.Form.TRANSITIVE.holding(Connection.class)));
    assertEquals(1, report.problems().size(), report.toString());
    Golden.assertMatches(
        "jdbc/validation_transitive_connection", report.problems().get(0).message());
  }

  /**
   * The table names every key JdbcModule binds, unnamed and named (where every key carries the
   * name), and every provider it binds declares its dependencies.
   */
  @Test
  void everyLibraryBindingIsInTheTable() {
    Set<String> inTable =
        HELD.keySet().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        inTable,
        boundTypes(JdbcModule.of(SETTINGS), null),
        "add a row to HELD for each binding JdbcModule contributes");
    assertEquals(
        inTable,
        boundTypes(JdbcModule.named("reports", SETTINGS), Names.named("reports")),
        "a named JdbcModule binds the same types, each with its name");
  }

  private static Set<String> boundTypes(Module module, Named qualifier) {
    Set<String> bound = new TreeSet<>();
    for (Element element : Elements.getElements(module)) {
      if (element instanceof Binding<?> binding) {
        Key<?> key = binding.getKey();
        bound.add(key.getTypeLiteral().getRawType().getName());
        assertEquals(qualifier, key.getAnnotation(), key + " carries the module's name");
        if (binding instanceof ProviderInstanceBinding<?> provided) {
          assertInstanceOf(
              HasDependencies.class,
              provided.getUserSuppliedProvider(),
              key + " is bound to a provider that hides its dependencies from validation");
        }
      }
    }
    return bound;
  }
}

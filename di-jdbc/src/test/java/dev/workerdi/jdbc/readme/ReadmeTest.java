package dev.workerdi.jdbc.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.name.Names;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.lifecycle.junit.ModuleValidationExtension;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads README.md itself and compiles every {@code ```java} block as written, each block one source
 * file (package and imports included), all together against the library and JUnit: the text cannot
 * drift from the code. The compiled blocks are the ones the tests below run on a real database (the
 * validation, fan-out and recipe examples; the DataSource and transactions sections); there is no
 * second copy of any example. The Quick Start block is also {@code samples/.../hello/Hello.java},
 * run by the samples' {@code HelloTest}.
 */
@RealDatabase
class ReadmeTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^public (?:final |abstract |sealed )*(?:class|interface|enum|record|@interface) (\\w+)",
          Pattern.MULTILINE);

  /** One {@code ```java} block: its number in the README, its first line there, its text. */
  record Block(int number, int line, String text) {}

  static List<Block> javaBlocks() throws IOException {
    String readme = Files.readString(README);
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(readme);
    while (matcher.find()) {
      int line =
          (int) readme.substring(0, matcher.start(1)).chars().filter(c -> c == '\n').count() + 1;
      blocks.add(new Block(blocks.size() + 1, line, matcher.group(1)));
    }
    return blocks;
  }

  @Test
  void everyJavaBlockCompilesAsWritten(@TempDir Path dir) throws IOException {
    compile(dir);
  }

  /**
   * The README's modules do what the README says: they validate (statically, and with the pre-start
   * boot against a real database), and a host of them serves the fan-out and the recipe in a
   * worker.
   */
  @Test
  void theReadmeModulesValidateAndRun(FreshDatabase db, @TempDir Path dir) throws Exception {
    Path classes = compile(dir);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, previous)) {
      thread.setContextClassLoader(loader);
      Module app = (Module) newInstance(loader.loadClass("com.example.AppModule"));
      Module recipes = (Module) newInstance(loader.loadClass("com.example.JdbcRecipes"));
      JdbcSettings settings =
          JdbcSettings.fromMap(
              Map.of(
                  "jdbcUrl",
                  db.jdbcUrl(),
                  "username",
                  db.user(),
                  "password",
                  db.password(),
                  "maximumPoolSize",
                  4));
      Class<?> validationTest = loader.loadClass("com.example.AppModulesTest");
      Method offline = validationTest.getDeclaredMethod("staticChecksAloneNeverConnect");
      offline.setAccessible(true);
      offline.invoke(newInstance(validationTest));
      ModuleValidationExtension.assertValid(app, recipes, JdbcModule.of(settings));

      WorkerHost host =
          WorkerHost.builder()
              .workers(2)
              .shutdownHook(false)
              .modules(
                  JdbcModule.of(settings),
                  newModule(loader, "com.example.AppModule"),
                  newModule(loader, "com.example.JdbcRecipes"))
              .build();
      host.start();
      try {
        Class<?> totals = loader.loadClass("com.example.Totals");
        Method both = totals.getMethod("both");
        assertEquals(
            List.of(1, 2),
            host.submit(() -> both.invoke(host.injector().getInstance(totals))).get());
        Class<?> client = loader.loadClass("com.example.JdbcRecipes$ReportClient");
        assertTrue(
            client.isInstance(
                host.submit(
                        1,
                        () -> host.injector().getInstance(Key.get(client, Names.named("REPORTS"))))
                    .get()));
      } finally {
        host.stop(Duration.ofSeconds(10));
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * The sections "the lease as a DataSource" and "Transactions" as written: {@code DataModule}'s
   * Jdbi and jOOQ on the lease, {@code Orders.place} committing once with {@code Stock.reserve}
   * joined, a failed reservation rolling the order back, and {@code OrderCount} through {@code
   * Transactions}.
   */
  @Test
  void theDataStackSectionsRunAsWritten(FreshDatabase db, @TempDir Path dir) throws Exception {
    Path classes = compile(dir);
    System.setProperty("org.jooq.no-logo", "true");
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "DROP TABLE IF EXISTS orders, reservations"); // the class's database: other examples use
      // orders too
      s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, total BIGINT)");
      s.execute("CREATE TABLE reservations (order_id BIGINT PRIMARY KEY)");
      s.execute("INSERT INTO reservations VALUES (2)");
    }
    JdbcSettings settings =
        JdbcSettings.fromMap(
            Map.of(
                "jdbcUrl",
                db.jdbcUrl(),
                "username",
                db.user(),
                "password",
                db.password(),
                "maximumPoolSize",
                2,
                "workerdi.reserve",
                0));
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, Thread.currentThread().getContextClassLoader())) {
      WorkerHost host =
          WorkerHost.builder()
              .modules(JdbcModule.of(settings), newModule(loader, "com.example.DataModule"))
              .workers(1)
              .shutdownHook(false)
              .build();
      host.start();
      try {
        Class<?> orders = loader.loadClass("com.example.Orders");
        Method place = orders.getMethod("place", long.class, long.class);
        host.submit(() -> place.invoke(host.injector().getInstance(orders), 1L, 100L)).get();
        ExecutionException duplicate =
            assertThrows(
                ExecutionException.class,
                () ->
                    host.submit(() -> place.invoke(host.injector().getInstance(orders), 2L, 200L))
                        .get());
        assertInstanceOf(
            SQLIntegrityConstraintViolationException.class,
            rootCause(duplicate),
            "the reservation fails");
        Class<?> orderCount = loader.loadClass("com.example.OrderCount");
        Method count = orderCount.getMethod("count");
        assertEquals(
            1L,
            host.submit(() -> count.invoke(host.injector().getInstance(orderCount))).get(),
            "the second order rolled back with its reservation");
      } finally {
        host.stop(Duration.ofSeconds(10));
      }
    }
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM reservations")) {
      rows.next();
      assertEquals(
          2, rows.getLong(1), "the first order's reservation committed, the existing one kept");
    }
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static Module newModule(ClassLoader loader, String name)
      throws ReflectiveOperationException {
    return (Module) newInstance(loader.loadClass(name));
  }

  private static Object newInstance(Class<?> type) throws ReflectiveOperationException {
    Constructor<?> constructor = type.getDeclaredConstructor();
    constructor.setAccessible(true);
    return constructor.newInstance();
  }

  /** Compiles every block into {@code dir/classes}, failing with each error's README line. */
  private static Path compile(Path dir) throws IOException {
    List<Block> blocks = javaBlocks();
    assertTrue(blocks.size() >= 6, "README.md has its Java examples: " + blocks.size());
    List<Path> sources = new ArrayList<>();
    Set<Path> names = new HashSet<>();
    for (Block block : blocks) {
      Path source = sourceFile(dir.resolve("src"), block);
      assertTrue(names.add(source), "two README blocks define " + source.getFileName());
      Files.createDirectories(source.getParent());
      Files.writeString(source, block.text());
      sources.add(source);
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createDirectories(dir.resolve("classes"));
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options =
          List.of(
              "-d",
              classes.toString(),
              "-classpath",
              System.getProperty("java.class.path"),
              "-proc:none",
              "-parameters",
              "--release",
              "21");
      compiler
          .getTask(
              null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
          .call();
    }
    List<String> errors =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .map(d -> readmeLine(blocks, sources, d) + ": " + d.getMessage(Locale.ROOT))
            .toList();
    assertEquals(List.of(), errors, "README.md's Java blocks must compile as written");
    return classes;
  }

  @Test
  void everyJavaBlockIsACompleteSourceFile() throws IOException {
    for (Block block : javaBlocks()) {
      assertTrue(
          PACKAGE.matcher(block.text()).find(),
          "README.md line "
              + block.line()
              + ": a Java block starts with its package and imports, so that it can be pasted as a file");
    }
  }

  /** Where javac should find the block: its package's directory, named after its public type. */
  private static Path sourceFile(Path root, Block block) {
    Matcher pkg = PACKAGE.matcher(block.text());
    Path directory =
        pkg.find() ? root.resolve(pkg.group(1).replace('.', File.separatorChar)) : root;
    Matcher type = PUBLIC_TYPE.matcher(block.text());
    return directory.resolve(
        (type.find() ? type.group(1) : "ReadmeBlock" + block.number()) + ".java");
  }

  /** {@code README.md:123 (block 4)} for a diagnostic in the file written from block 4. */
  private static String readmeLine(
      List<Block> blocks, List<Path> sources, Diagnostic<? extends JavaFileObject> d) {
    for (int i = 0; i < sources.size(); i++) {
      if (d.getSource() != null && Path.of(d.getSource().toUri()).equals(sources.get(i))) {
        Block block = blocks.get(i);
        return "README.md:"
            + (block.line() + d.getLineNumber() - 1)
            + " (block "
            + block.number()
            + ")";
      }
    }
    return "README.md";
  }
}

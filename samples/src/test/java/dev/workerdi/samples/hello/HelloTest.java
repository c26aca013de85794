package dev.workerdi.samples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's Quick Start is this program, and it runs against a real database. */
@RealDatabase
class HelloTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE = Path.of("src/main/java/dev/workerdi/samples/hello/Hello.java");

  @Test
  void theReadmeQuickStartIsThisProgramWordForWord() throws Exception {
    String readme = Files.readString(README);
    String source = Files.readString(SOURCE);
    assertTrue(
        readme.contains("```java\n" + source + "```\n"),
        "README.md's Quick Start block must be "
            + SOURCE
            + " exactly; copy the file into the README");
  }

  @Test
  void theQuickStartRunsAgainstTheDatabase(DatabaseServer server) throws Exception {
    String database = server.createDatabase("hello");
    Map<String, String> properties =
        Map.of(
            "db.jdbcUrl",
            server.jdbcUrl(database),
            "db.username",
            server.user(),
            "db.password",
            server.password() == null ? "" : server.password());
    properties.forEach(System::setProperty);
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      Hello.main(new String[0]);
    } finally {
      System.setOut(out);
      properties.keySet().forEach(System::clearProperty);
    }
    assertEquals("orders: 0", printed.toString(StandardCharsets.UTF_8).strip());
  }
}

package dev.workerdi.samples.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.workerdi.samples.DatabaseOptions;
import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar workerdi-samples.jar server} as an operator runs it: it serves, and SIGTERM
 * stops it through the lifecycle, after the request in flight has been answered.
 */
@RealDatabase
class ServerProcessIT {
  private static final Pattern LISTENING =
      Pattern.compile("Listening on http://127\\.0\\.0\\.1:(\\d+)/hello");

  @BeforeAll
  static void needsThePackagedJar() {
    assumeTrue(
        System.getProperty(JarRun.JAR_PROPERTY) != null,
        "ServerProcessIT runs in failsafe's integration-test phase, once the jar is packaged");
  }

  @Test
  void sigtermAnswersTheRequestInFlightThenStopsThroughTheLifecycle(DatabaseServer server)
      throws Exception {
    assumeTrue(
        server.kind() == DatabaseServer.Kind.EMBEDDED,
        "embedded server only: it recreates server_demo");
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                JarRun.jar().toString(),
                "server",
                "--port",
                "0",
                "--url",
                server.jdbcUrl(""),
                "--user",
                server.user())
            .redirectErrorStream(true);
    builder.environment().put(DatabaseOptions.PASSWORD_ENV, server.password());
    Process process = builder.start();
    List<String> output = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = Thread.ofPlatform().start(() -> read(process, output, port));
    try {
      String base = "http://127.0.0.1:" + port.get(120, TimeUnit.SECONDS);
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> hello =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/hello")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, hello.statusCode(), hello.body());
      CompletableFuture<HttpResponse<String>> slow =
          client.sendAsync(
              HttpRequest.newBuilder(URI.create(base + "/sleep/1500")).build(),
              HttpResponse.BodyHandlers.ofString());
      awaitSleepOnTheServer(server);
      long signalled = System.nanoTime();
      process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the pipes we read
      HttpResponse<String> answered = slow.get(60, TimeUnit.SECONDS);
      assertEquals(200, answered.statusCode(), answered.body());
      assertTrue(answered.body().startsWith("slept 1500 ms on connection "), answered.body());
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server did not stop: " + output);
      reader.join();
      assertTrue(
          output.contains("Stopped: requests in flight drained, then the pools closed"),
          "exit "
              + process.exitValue()
              + " after "
              + (System.nanoTime() - signalled) / 1_000_000
              + " ms, output "
              + output);
    } finally {
      process.destroyForcibly();
    }
  }

  private static void read(Process process, List<String> output, CompletableFuture<Integer> port) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.add(line);
        Matcher listening = LISTENING.matcher(line);
        if (listening.find()) {
          port.complete(Integer.parseInt(listening.group(1)));
        }
      }
    } catch (Exception e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new AssertionError("the server ended before listening: " + output));
  }

  /**
   * Waits until the request's {@code SLEEP} runs on the database server, so the request is in
   * flight.
   */
  private static void awaitSleepOnTheServer(DatabaseServer server) throws Exception {
    try (Connection admin =
            DriverManager.getConnection(server.jdbcUrl(""), server.user(), server.password());
        PreparedStatement query =
            admin.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                    + " WHERE INFO LIKE 'SELECT SLEEP(1.5)%'")) {
      for (int tries = 0; tries < 600; tries++) {
        try (ResultSet rows = query.executeQuery()) {
          rows.next();
          if (rows.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(10);
      }
      throw new AssertionError("the /sleep request never reached the database");
    }
  }
}

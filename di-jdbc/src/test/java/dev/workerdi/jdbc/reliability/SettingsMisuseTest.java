package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.testing.Golden;
import dev.workerdi.testing.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input, settings: each bad {@link JdbcSettings} or {@link JdbcModule} argument fails at once
 * with one {@code DI-307} whose text is pinned by {@code golden/reliability/settings_*.txt}, shows
 * no password, and leaves the settings it was derived from as they were (settings are immutable).
 */
@ExtendWith(Secrets.class)
class SettingsMisuseTest {
  private static final String URL = "jdbc:mysql://db.example:3306/shop";

  private static JdbcSettings base() {
    return JdbcSettings.fromMap(
        map("jdbcUrl", URL, "username", "app", "password", Secrets.PASSWORD, "maximumPoolSize", 4));
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private record Case(String name, Executable misuse) {}

  private static List<Case> cases() {
    JdbcSettings base = base();
    return List.of(
        new Case("settings_null_map", () -> JdbcSettings.fromMap(null)),
        new Case(
            "settings_missing_jdbc_url",
            () -> JdbcSettings.fromMap(map("username", "app", "password", Secrets.PASSWORD))),
        new Case(
            "settings_not_a_jdbc_url",
            () ->
                JdbcSettings.fromMap(
                    map(
                        "jdbcUrl",
                        "mysql://db.example:3306/shop?user=app&password=" + Secrets.PASSWORD))),
        new Case("settings_pool_size_not_a_number", () -> base.with("maximumPoolSize", "eight")),
        new Case("settings_pool_size_zero", () -> base.with("maximumPoolSize", 0)),
        new Case("settings_negative_reserve", () -> base.with("workerdi.reserve", -1)),
        new Case("settings_zero_instances", () -> base.with("workerdi.instances", 0)),
        new Case(
            "settings_unknown_reset_policy", () -> base.with("workerdi.resetPolicy", "SOMETIMES")),
        new Case("settings_warm_up_not_a_boolean", () -> base.with("workerdi.warmUp", "yes")),
        new Case("settings_misspelt_hikari_property", () -> base.with("maxPoolSize", 8)),
        new Case(
            "settings_misspelt_library_property",
            () -> base.with("workerdi.resetPolicyy", "ALWAYS")),
        new Case("settings_library_property_without_prefix", () -> base.with("warmUp", true)),
        new Case("settings_unknown_property_nothing_close", () -> base.with("colour", "blue")),
        new Case(
            "settings_url_of_another_driver",
            () -> base.with("jdbcUrl", "jdbc:mariadb://db.example:3306/shop")),
        new Case(
            "settings_url_of_another_driver_always",
            () ->
                JdbcSettings.fromMap(
                    map(
                        "jdbcUrl",
                        "jdbc:postgresql://app:" + Secrets.PASSWORD + "@db.example/shop",
                        "workerdi.resetPolicy",
                        "ALWAYS"))),
        new Case(
            "settings_connection_timeout_not_a_number",
            () -> base.with("connectionTimeout", "soon")),
        new Case(
            "settings_password_in_url_with_bad_pool_size",
            () ->
                JdbcSettings.fromMap(
                    map(
                        "jdbcUrl",
                        "jdbc:mysql://app:" + Secrets.PASSWORD + "@db.example:3306/shop",
                        "maximumPoolSize",
                        -2))),
        new Case("module_without_settings", () -> JdbcModule.of(null)),
        new Case("module_with_blank_name", () -> JdbcModule.named(" ", base)));
  }

  @org.junit.jupiter.api.Test
  void anotherDriverIsAcceptedWhenNothingIsCleaned() {
    JdbcSettings unsafe =
        base()
            .with("workerdi.resetPolicy", "UNSAFE_NONE")
            .with("jdbcUrl", "jdbc:mariadb://db/shop");
    assertEquals("jdbc:mariadb://db/shop", unsafe.jdbcUrl());
    assertEquals(
        8,
        base()
            .with("maximumPoolSize", 8)
            .with("dataSource.cachePrepStmts", true)
            .maximumPoolSize());
  }

  @TestFactory
  Stream<DynamicTest> eachBadSettingFailsOnceClearlyAndChangesNothing() {
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      JdbcSettings before = base();
                      String beforeText = before.toString();
                      DiException error = assertThrows(DiException.class, c.misuse(), c.name());
                      assertEquals(
                          c.name().equals("module_without_settings")
                              ? ErrorId.NULL_ARGUMENT
                              : ErrorId.BAD_SETTINGS,
                          error.id(),
                          error.getMessage());
                      Secrets.assertHidden(error);
                      Golden.assertMatches("reliability/" + c.name(), error.getMessage());
                      assertEquals(beforeText, before.toString(), "settings changed");
                      assertEquals(4, before.maximumPoolSize());
                    }));
  }
}

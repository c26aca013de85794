package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recreates the views and triggers on the target after the data (so no trigger fires while rows
 * are loaded): views in dependency order (a view that names another view comes after it), each as
 * {@code CREATE OR REPLACE}; triggers dropped if present and created under their original
 * {@code sql_mode}. The {@code DEFINER} clause is dropped, so the objects belong to the target's
 * user, who may not be the source's. Stateless.
 */
final class TargetObjects {
  private static final Pattern DEFINER =
      Pattern.compile("\\s+DEFINER\\s*=\\s*(`[^`]*`|'[^']*'|[^\\s@]+)@(`[^`]*`|'[^']*'|[^\\s]+)");

  private TargetObjects() {}

  /** Creates every view and trigger of {@code schema}; returns {views, triggers} created. */
  static int[] create(Connection target, Schema schema) throws SQLException {
    List<Schema.View> views = inDependencyOrder(schema.views());
    for (Schema.View view : views) {
      Jdbc.execute(target, withoutDefiner(view.createSql()).replaceFirst("^(?i)CREATE\\s+", "CREATE OR REPLACE "));
    }
    for (Schema.Trigger trigger : schema.triggers()) {
      Jdbc.execute(target, "DROP TRIGGER IF EXISTS " + Jdbc.q(trigger.name()));
      try (PreparedStatement mode = target.prepareStatement("SET SESSION sql_mode = ?")) {
        mode.setString(1, trigger.sqlMode());
        mode.execute();
      }
      Jdbc.execute(target, withoutDefiner(trigger.createSql()));
    }
    return new int[] {views.size(), schema.triggers().size()};
  }

  static String withoutDefiner(String createSql) {
    return DEFINER.matcher(createSql).replaceFirst("");
  }

  /** Views ordered so that each comes after the views its definition names (by name, else). */
  static List<Schema.View> inDependencyOrder(List<Schema.View> views) {
    Map<String, Schema.View> pending = new LinkedHashMap<>();
    views.forEach(v -> pending.put(v.name(), v));
    List<Schema.View> ordered = new ArrayList<>();
    while (!pending.isEmpty()) {
      Schema.View next = pending.values().stream()
          .filter(v -> pending.keySet().stream().noneMatch(other -> !other.equals(v.name()) && names(v, other)))
          .findFirst()
          .orElseGet(() -> pending.values().iterator().next());
      ordered.add(next);
      pending.remove(next.name());
    }
    return ordered;
  }

  private static boolean names(Schema.View view, String other) {
    String body = view.createSql().substring(view.createSql().toUpperCase(java.util.Locale.ROOT).indexOf(" AS ") + 1);
    return body.contains(Jdbc.q(other));
  }
}

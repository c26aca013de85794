package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Keyset SQL, bound encoding, view order and definer removal, without a database. */
class KeysetTest {
  private static final Column A = new Column("a", "int", ColumnKind.NUMBER, false, false);
  private static final Column B = new Column("b", "varbinary", ColumnKind.BINARY, false, false);
  private static final Column C = new Column("c", "datetime", ColumnKind.TEMPORAL, false, false);

  @Test
  void aCompositeRangeSpellsOutTheTupleComparison() {
    Keyset keyset = new Keyset(List.of(A, B, C));
    assertEquals(
        "`a` >= ? AND ((`a` > ?) OR (`a` = ? AND `b` > ?) OR (`a` = ? AND `b` = ? AND `c` > ?))",
        keyset.where(List.of("1", new byte[] {0}, "x"), null));
    assertEquals(
        "`a` <= ? AND ((`a` < ?) OR (`a` = ? AND `b` < ?) OR (`a` = ? AND `b` = ? AND `c` <= ?))",
        keyset.where(null, List.of("1", new byte[] {0}, "x")));
    assertEquals("1 = 1", keyset.where(null, null));
    assertEquals("`a` > ? AND `a` <= ?", new Keyset(List.of(A)).where(List.of("1"), List.of("9")));
  }

  @Test
  void boundsSurviveTheCheckpointTable() {
    Keyset keyset = new Keyset(List.of(A, B, C));
    List<Object> bound =
        List.of(
            "-18446744073709551615", new byte[] {0, (byte) 0xff, ','}, "2021-03-28 02:30:00.5 ,😀");
    List<Object> back = keyset.decode(keyset.encode(bound));
    assertEquals(bound.get(0), back.get(0));
    assertArrayEquals((byte[]) bound.get(1), (byte[]) back.get(1));
    assertEquals(bound.get(2), back.get(2));
    assertEquals(null, keyset.decode(keyset.encode(null)));
  }

  @Test
  void literalsAreEscaped() {
    StringBuilder sql = new StringBuilder();
    Literals.string("it's \\ a\0b\nc\u001a😀", sql);
    Literals.bytes(new byte[] {0, 1, (byte) 0xff}, sql.append(' '));
    Literals.number("-1.5E-7", sql.append(' '));
    assertEquals("'it\\'s \\\\ a\\0b\\nc\\Z😀' X'0001ff' -1.5E-7", sql.toString());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> Literals.number("1; DROP TABLE t", new StringBuilder()));
  }

  @Test
  void viewsComeAfterTheViewsTheyName() {
    SchemaObject top =
        SchemaObject.view("a_top", "CREATE VIEW `a_top` AS select `id` from `b_middle`");
    SchemaObject middle =
        SchemaObject.view("b_middle", "CREATE VIEW `b_middle` AS select `id` from `c_base`");
    SchemaObject base = SchemaObject.view("c_base", "CREATE VIEW `c_base` AS select 1 AS `id`");
    assertEquals(
        List.of(base, middle, top), TargetObjects.inDependencyOrder(List.of(top, middle, base)));
  }

  @Test
  void theDefinerIsDropped() {
    assertEquals(
        "CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `v` AS select 1",
        SchemaObject.withoutDefiner(
            "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW"
                + " `v` AS select 1"));
    assertEquals(
        "CREATE TRIGGER t AFTER UPDATE ON c FOR EACH ROW SET @x = 1",
        SchemaObject.withoutDefiner(
            "CREATE DEFINER=`app`@`%` TRIGGER t AFTER UPDATE ON c FOR EACH ROW SET @x = 1"));
  }
}

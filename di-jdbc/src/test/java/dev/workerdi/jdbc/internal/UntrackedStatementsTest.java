package dev.workerdi.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lexical check on its own: what must count as dirty (several spellings of each class), what
 * must stay clean (so that a clean lease costs nothing), and the autocommit-only recogniser.
 */
class UntrackedStatementsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1 INTO @v",
        "select @v := 1",
        "SET @`v` = 2",
        "SELECT @'v'",
        "EXECUTE IMMEDIATE CONCAT('SELECT 1 INTO ', CHAR(64), 'v')",
        "execute immediate 'DO 1'",
        "PREPARE s FROM 'SELECT 1'",
        "prepare s from @sql",
        "EXECUTE s",
        "CALL p()",
        "call db.p(1)",
        "SELECT f(1)",
        "SELECT db.f(1)",
        "SELECT `f`(1)",
        "SELECT f (1)",
        "SELECT f/* c */(1)",
        "SELECT COUNT(*) FROM t WHERE x = my_func(2)",
        "INSERT INTO t VALUES (f(1))",
        "BEGIN NOT ATOMIC SELECT 1; END",
        "DO RELEASE_LOCK('x')",
        "IF 1 THEN DO 1; END IF",
        "WHILE 1 DO SELECT 1; END WHILE",
        "SET ROLE r",
        "set role NONE",
        "SELECT GET_LOCK('x', 0)",
        "SELECT get_lock('x', 0)",
        "HANDLER t OPEN",
        "SELECT LAST_INSERT_ID(5)",
        "SELECT SQL_CALC_FOUND_ROWS * FROM t LIMIT 1",
        "SELECT NEXT VALUE FOR s",
        "SELECT NEXTVAL(s)",
        "SET SESSION session_track_state_change = OFF",
        "SET @@session.SESSION_TRACK_SCHEMA = 0",
        "/*!50000 SELECT GET_LOCK('x', 0) */",
        "FLUSH TABLES WITH READ LOCK",
        "flush tables t with read lock",
        "BACKUP STAGE START",
        "backup lock t",
        "LOCK INSTANCE FOR BACKUP"
      })
  void findsWhatTheServerDoesNotReport(String sql) {
    assertTrue((UntrackedStatements.scan(sql) & UntrackedStatements.UNTRACKED_STATE) != 0, sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "SELECT COUNT(*) FROM marks WHERE id = ?",
        "INSERT INTO marks (id) VALUES (?)",
        "INSERT INTO db.marks (id, v) VALUES (?, ?)",
        "insert marks(id) values (1), (2)",
        "REPLACE INTO t (a) VALUES (1)",
        "UPDATE t SET a = COALESCE(?, a) WHERE id IN (1, 2)",
        "SELECT CONCAT_WS('|', @@session.time_zone, @@autocommit + 0)",
        "SELECT CAST(? AS DECIMAL(10, 2))",
        "SELECT a FROM t JOIN u USING (id) WHERE EXISTS (SELECT 1 FROM v)",
        "CREATE TABLE t (id INT(11))",
        "SELECT IF(a > 0, 'x', 'y'), REPEAT('-', 3) FROM t",
        "SELECT CASE WHEN a THEN 1 ELSE 2 END FROM t",
        "WITH c (n) AS (SELECT 1) SELECT n FROM c",
        "START TRANSACTION",
        "COMMIT",
        "SET autocommit=0",
        "SELECT JSON_EXTRACT(doc, '$.a'), DATE_FORMAT(NOW(), '%Y') FROM t"
      })
  void leavesCleanStatementsClean(String sql) {
    assertEquals(0, UntrackedStatements.scan(sql) & UntrackedStatements.UNTRACKED_STATE, sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT FOUND_ROWS()",
        "SHOW WARNINGS",
        "show errors",
        "SELECT @@warning_count",
        "SELECT ROW_COUNT()",
        "GET DIAGNOSTICS @n = NUMBER"
      })
  void findsReadsOfThePreviousStatement(String sql) {
    assertTrue((UntrackedStatements.scan(sql) & UntrackedStatements.READS_PREVIOUS) != 0, sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SET autocommit=0",
        "set autocommit = 1",
        "SET SESSION autocommit=ON",
        "SET @@session.autocommit = OFF;",
        "  SET @@autocommit=TRUE  "
      })
  void recognisesAutocommitOnly(String sql) {
    assertTrue(UntrackedStatements.onlyAutocommit(sql), sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SET autocommit=0, time_zone='+01:00'",
        "SET autocommit=@x",
        "SELECT 1",
        "SET autocommit=0; SET @x=1"
      })
  void refusesMoreThanAutocommit(String sql) {
    assertFalse(UntrackedStatements.onlyAutocommit(sql), sql);
  }
}

package dev.workerdi.samples.backup;

import java.util.List;

/**
 * The DDL and the hand-written edge rows of the sample source database: every column type the
 * backup must carry (NULLs, BLOB/TEXT, JSON, DECIMAL, DATE/TIME/DATETIME/TIMESTAMP, YEAR, ENUM/SET,
 * BIT, spatial, 4-byte UTF-8, generated columns), a composite key, a VARCHAR key, a binary and
 * temporal composite key, a table without a key, a foreign key, two views (one on the other) and a
 * trigger. Constants only.
 */
final class SampleSchema {
  private SampleSchema() {}

  static final List<String> TABLES =
      List.of(
          """
      CREATE TABLE customers (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        name VARCHAR(100) NOT NULL,
        email VARCHAR(190) NULL,
        balance DECIMAL(14,2) NOT NULL,
        born DATE NULL,
        wake_up TIME(2) NULL,
        created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        updated_at DATETIME(3) NULL,
        birth_year YEAR NULL,
        status ENUM('new','active','suspended','closed') NOT NULL,
        tags SET('vip','newsletter','beta','staff') NOT NULL DEFAULT '',
        active BIT(1) NOT NULL,
        flags BIT(10) NULL,
        score FLOAT NULL,
        ratio DOUBLE NULL,
        notes TEXT NULL,
        prefs JSON NULL,
        home POINT NULL,
        name_upper VARCHAR(100) AS (UPPER(name)) VIRTUAL,
        KEY by_email (email)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
          """
      CREATE TABLE orders (
        customer_id INT UNSIGNED NOT NULL,
        order_no SMALLINT UNSIGNED NOT NULL,
        amount DECIMAL(12,4) NOT NULL,
        tax_rate DECIMAL(5,4) NOT NULL,
        total DECIMAL(14,4) AS (ROUND(amount * (1 + tax_rate), 4)) STORED,
        ordered_at DATETIME(6) NOT NULL,
        shipped_on DATE NULL,
        note VARCHAR(255) NULL,
        receipt BLOB NULL,
        PRIMARY KEY (customer_id, order_no),
        CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
          """
      CREATE TABLE products (
        sku VARCHAR(40) NOT NULL PRIMARY KEY,
        title VARCHAR(200) NOT NULL,
        description MEDIUMTEXT NULL,
        price DECIMAL(10,2) NOT NULL,
        weight_kg DOUBLE NULL,
        launched YEAR NULL,
        attributes JSON NULL,
        outline POLYGON NULL,
        thumbnail MEDIUMBLOB NULL,
        bits BIT(64) NULL
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
          """
      CREATE TABLE readings (
        sensor BINARY(16) NOT NULL,
        taken_at DATETIME(6) NOT NULL,
        value DOUBLE NOT NULL,
        counter BIGINT UNSIGNED NOT NULL,
        raw VARBINARY(32) NULL,
        place GEOMETRY NULL,
        PRIMARY KEY (sensor, taken_at)
      ) ENGINE=InnoDB""",
          """
      CREATE TABLE events (
        happened_at TIMESTAMP(3) NULL,
        kind ENUM('click','view','buy') NULL,
        message VARCHAR(500) NULL,
        payload LONGTEXT NULL,
        amount DECIMAL(9,3) NULL,
        KEY by_time (happened_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
          """
      CREATE TABLE audit_log (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        customer_id INT UNSIGNED NOT NULL,
        changed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        old_balance DECIMAL(14,2) NULL,
        new_balance DECIMAL(14,2) NULL
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");

  /** Rows at the edges of each type, inserted before the generated ones (customers 1 to 3). */
  static final List<String> EDGE_ROWS =
      List.of(
          """
      INSERT INTO customers (id, name, email, balance, born, wake_up, created_at, updated_at, birth_year, status,
        tags, active, flags, score, ratio, notes, prefs, home) VALUES
      (1, '😀 Zoë 𝄞 Ünïcødé ''quoted'' \\\\ back\\\\slash', NULL, 0.00, NULL, NULL, '1970-01-01 00:00:01.000000',
        NULL, NULL, 'new', '', b'0', NULL, NULL, NULL, NULL, NULL, NULL),
      (2, 'Max Extremes', 'max@example.com', 999999999999.99, '9999-12-31', '838:59:59.99',
        '2038-01-19 03:14:07.999999', '9999-12-31 23:59:59.999', 2155, 'closed', 'vip,newsletter,beta,staff', b'1',
        b'1111111111', 3.40282e38, 1.7976931348623157e308, '',
        '{"emoji": "🎉", "nested": {"a": [1, 2.5, null, true]}, "quote": "\\\\"x\\\\""}',
        ST_GeomFromText('POINT(89.5 -89.5)', 4326)),
      (3, 'Min Extremes', '', -999999999999.99, '1000-01-01', '-838:59:59.99', '2021-03-28 02:30:00.5',
        '1000-01-01 00:00:00.000', 1901, 'active', 'staff', b'0', b'0000000000', -1.17549e-38,
        -2.2250738585072014e-308, 'tab\\there\\nnewline\\0nul\\Zsub', '[]', ST_GeomFromText('POINT(-90 0)', 4326))""",
          """
      INSERT INTO orders (customer_id, order_no, amount, tax_rate, ordered_at, shipped_on, note, receipt) VALUES
      (1, 0, 0.0000, 0.0000, '1000-01-01 00:00:00.000000', NULL, '', X''),
      (1, 65535, 99999999.9999, 9.9999, '9999-12-31 23:59:59.999999', '9999-12-31', NULL, X'00FF00FF00')""",
          """
      INSERT INTO products (sku, title, description, price, weight_kg, launched, attributes, outline, thumbnail, bits)
      VALUES ('', 'empty key', '', 0.00, 0, 2155, '{}', NULL, X'', b'0'),
      ('a b', 'space in key', NULL, 99999999.99, -0.5, 1901, '{"k": "🦄"}',
        ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))'), X'00',
        b'1111111111111111111111111111111111111111111111111111111111111111')""",
          """
      INSERT INTO readings (sensor, taken_at, value, counter, raw, place) VALUES
      (X'00000000000000000000000000000000', '1000-01-01 00:00:00.000000', 1e308, 0, X'', ST_GeomFromText('POINT(0 0)')),
      (X'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF', '9999-12-31 23:59:59.999999', -1e-308, 18446744073709551615, NULL,
        ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))'))""",
          """
      INSERT INTO events (happened_at, kind, message, payload, amount) VALUES
      (NULL, NULL, NULL, NULL, NULL), (NULL, NULL, NULL, NULL, NULL), ('2021-10-31 01:30:00.123', 'buy', '', '', 0)""");

  static final String TRIGGER =
      """
      CREATE TRIGGER customers_audit AFTER UPDATE ON customers FOR EACH ROW
        INSERT INTO audit_log (customer_id, old_balance, new_balance) VALUES (OLD.id, OLD.balance, NEW.balance)""";

  /** Views, the second on the first (and named so that alphabetical order would be wrong). */
  static final List<String> VIEWS =
      List.of(
          """
      CREATE VIEW customer_totals AS SELECT c.id, c.name, COUNT(o.order_no) AS orders,
        COALESCE(SUM(o.total), 0) AS spent FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
        GROUP BY c.id, c.name""",
          """
      CREATE VIEW big_spenders AS SELECT id, name, spent FROM customer_totals WHERE spent > 5000""");
}

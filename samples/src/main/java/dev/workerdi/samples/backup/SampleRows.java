package dev.workerdi.samples.backup;

/**
 * The {@code INSERT ... SELECT} statements that generate the sample rows from the helper sequence
 * {@code _seq(n)}: deterministic functions of {@code n} that reach NULLs, emoji, long texts, binary
 * bytes (0x00 included), JSON, spatial values, the DST changes of 2021 and 2023 (harmless in the
 * pinned UTC sessions) and full-precision doubles. The last parameter is the row count. Constants.
 */
final class SampleRows {
  private SampleRows() {}

  static final String CUSTOMERS =
      """
      INSERT INTO customers (name, email, balance, born, wake_up, created_at, updated_at, birth_year, status, tags,
        active, flags, score, ratio, notes, prefs, home)
      SELECT CONCAT(ELT(1 + n % 6, 'Ana', 'Björn', 'Chloé', 'Dmitri', 'Eun-ji', 'Zoë'), ' #', n, IF(n % 10 = 0, ' 🚀', '')),
        IF(n % 7 = 0, NULL, CONCAT('user', n, '@example.com')),
        (n * 7919 % 2000000) / 100 - 5000,
        IF(n % 11 = 0, NULL, DATE '1950-01-01' + INTERVAL (n * 37 % 25000) DAY),
        IF(n % 13 = 0, NULL, SEC_TO_TIME(n * 97 % 86400 + (n % 100) / 100)),
        TIMESTAMP '2020-01-01 00:00:00' + INTERVAL (n * 6151 % 150000000) SECOND + INTERVAL (n * 13 % 1000000) MICROSECOND,
        IF(n % 3 = 0, NULL, TIMESTAMP '2015-06-01 12:00:00' + INTERVAL (n * 7 % 300000000) SECOND
          + INTERVAL (n % 1000) * 1000 MICROSECOND),
        IF(n % 9 = 0, NULL, 1901 + n % 255),
        ELT(1 + n % 4, 'new', 'active', 'suspended', 'closed'),
        ELT(1 + n % 5, '', 'vip', 'newsletter', 'vip,beta', 'newsletter,staff'),
        n % 2,
        IF(n % 3 = 1, NULL, n % 1024),
        IF(n % 17 = 0, NULL, (n % 100000) / 7),
        IF(n % 19 = 0, NULL, n / 3e0 + 1e-9 * n),
        IF(n % 5 = 0, NULL, REPEAT(CONCAT('note ', n, ' — ünïcode ✓ '), 1 + n % 20)),
        IF(n % 4 = 0, NULL, JSON_OBJECT('n', n, 'tags', JSON_ARRAY('a', n % 3, NULL), 'vip', n % 2 = 0,
          'name', CONCAT('🦄', n))),
        IF(n % 6 = 0, NULL, ST_GeomFromText(CONCAT('POINT(', (n % 180) - 90, ' ', ((n * 7) % 180) - 90 + 0.125, ')'), 4326))
      FROM _seq WHERE n <= ?""";

  /** Parameters: customers (twice), then orders. */
  static final String ORDERS =
      """
      INSERT INTO orders (customer_id, order_no, amount, tax_rate, ordered_at, shipped_on, note, receipt)
      SELECT 1 + (n - 1) % ?, 1 + (n - 1) DIV ?, (n * 104729 % 100000000) / 10000, ELT(1 + n % 3, 0, 0.07, 0.195),
        TIMESTAMP '2021-01-01 00:00:00' + INTERVAL (n * 4241 % 100000000) SECOND + INTERVAL n % 1000000 MICROSECOND,
        IF(n % 4 = 0, NULL, DATE '2021-01-05' + INTERVAL (n % 1500) DAY),
        IF(n % 8 = 0, NULL, CONCAT('order ', n, IF(n % 16 = 1, ' 📦 fragile', ''))),
        IF(n % 3 = 0, NULL, IF(n % 3 = 1, UNHEX(CONCAT(MD5(n), SHA1(n), '00FF00')), ''))
      FROM _seq WHERE n <= ?""";

  static final String PRODUCTS =
      """
      INSERT INTO products (sku, title, description, price, weight_kg, launched, attributes, outline, thumbnail, bits)
      SELECT CONCAT(ELT(1 + n % 3, 'SKU-', 'sku-ä-', 'Ω-'), LPAD(n, 7, '0')),
        CONCAT('Product ', n, ' ', ELT(1 + n % 4, '☕', 'Café', 'naïve', '🍕')),
        IF(n % 5 = 0, NULL, REPEAT(CONCAT('Lorem ipsum ', n, '. '), 1 + n % 50)),
        (n * 7 % 1000000) / 100,
        IF(n % 6 = 0, NULL, SQRT(n) / 3),
        IF(n % 10 = 0, NULL, 1901 + n % 255),
        IF(n % 4 = 1, NULL, JSON_OBJECT('color', ELT(1 + n % 3, 'red', 'grün', '蓝'), 'size', n % 50,
          'dims', JSON_ARRAY(n % 10, n % 7, 1.5))),
        IF(n % 7 = 0, NULL, ST_GeomFromText(CONCAT('POLYGON((0 0, ', 1 + n % 10, ' 0, ', 1 + n % 10, ' 1, 0 1, 0 0))'))),
        IF(n % 9 = 0, NULL, UNHEX(REPEAT(MD5(n), 1 + n % 8))),
        IF(n % 11 = 0, NULL, n * 2654435761)
      FROM _seq WHERE n <= ?""";

  static final String READINGS =
      """
      INSERT INTO readings (sensor, taken_at, value, counter, raw, place)
      SELECT UNHEX(MD5(n % 50)),
        TIMESTAMP '2024-03-31 00:00:00' + INTERVAL n * 3 SECOND + INTERVAL (n % 997) MICROSECOND,
        SIN(n) * 1000, 18446744073709551615 - n * 1000003, IF(n % 5 = 0, NULL, UNHEX(SHA1(n))),
        IF(n % 4 = 0, NULL, ST_GeomFromText(CONCAT('LINESTRING(0 0, ', n % 100, ' ', n % 37, ', 5 5)')))
      FROM _seq WHERE n <= ?""";

  static final String EVENTS =
      """
      INSERT INTO events (happened_at, kind, message, payload, amount)
      SELECT IF(m % 10 = 0, NULL, TIMESTAMP '2023-03-26 00:30:00' + INTERVAL m * 61 SECOND
          + INTERVAL (m % 1000) * 1000 MICROSECOND),
        IF(m % 9 = 0, NULL, ELT(1 + m % 3, 'click', 'view', 'buy')),
        IF(m % 8 = 0, NULL, CONCAT('event ', m, ' ', ELT(1 + m % 3, '👍', 'ok', '¡hola!'))),
        IF(m % 2 = 0, NULL, JSON_OBJECT('m', m)),
        IF(m % 6 = 0, NULL, (m % 100000) / 1000 - 50)
      FROM (SELECT n, n DIV 2 AS m FROM _seq WHERE n <= ?) AS s""";
}

package dev.workerdi.samples.server;

import dev.workerdi.jdbc.Transactional;
import jakarta.inject.Inject;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The worker server's accounts ({@value #COUNT} of them, {@value #OPENING_BALANCE} each at the
 * start) and a transfer between two of them that is atomic: {@link #transfer} is
 * {@code @Transactional}, so its Jdbi handles join one transaction on the request's lease, which
 * commits when the method returns and rolls back when it throws. The transfer debits first and
 * refuses an overdraft afterwards ({@link InsufficientFunds}, unchecked): the rollback is what
 * undoes the debit, so the sum of all balances stays {@link #total()} whatever runs concurrently.
 * Both accounts are locked in id order, so transfers do not deadlock each other; a serialization
 * failure all the same (deadlock, lock wait timeout) re-runs the whole transfer, up to 5 times.
 * Built per request by Guice (its interceptor needs a class Guice constructs, non-final, with a
 * non-private method).
 */
class Accounts {
  /** How many accounts the schema holds: ids 0 to COUNT - 1. */
  static final int COUNT = 10;

  /** Each account's balance when the schema is created. */
  static final long OPENING_BALANCE = 1_000;

  private final Jdbi jdbi;

  @Inject
  Accounts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The balances of both accounts after a transfer. */
  record Balances(long from, long to) {}

  /** A transfer that would leave its source account below zero; the transaction rolled back. */
  static final class InsufficientFunds extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InsufficientFunds(int account, long balance, long amount) {
      super(
          "account "
              + account
              + " holds "
              + balance
              + ", cannot transfer "
              + amount
              + ": rolled back");
    }
  }

  /** An account id that does not exist. */
  static final class NoSuchAccount extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoSuchAccount(int from, int to) {
      super("no account " + from + " or " + to + " (accounts are 0.." + (COUNT - 1) + ")");
    }
  }

  /** The sum every transfer keeps: {@value #COUNT} x {@value #OPENING_BALANCE}. */
  static long total() {
    return COUNT * OPENING_BALANCE;
  }

  /** Moves {@code amount} (positive) from one account to another (distinct) in one transaction. */
  @Transactional(maxAttempts = 5)
  Balances transfer(int from, int to, long amount) {
    return jdbi.withHandle(
        handle -> {
          List<Integer> locked =
              handle
                  .select(
                      "SELECT id FROM accounts WHERE id IN (?, ?) ORDER BY id FOR UPDATE", from, to)
                  .mapTo(Integer.class)
                  .list();
          if (locked.size() != 2) {
            throw new NoSuchAccount(from, to);
          }
          handle.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", amount, from);
          handle.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, to);
          long left = balance(handle, from);
          if (left < 0) {
            throw new InsufficientFunds(from, left + amount, amount);
          }
          return new Balances(left, balance(handle, to));
        });
  }

  /** The sum of all balances and the lowest one, read in one (read-only) transaction. */
  @Transactional(readOnly = true)
  String summary() {
    return jdbi.withHandle(
        handle ->
            handle
                .select(
                    "SELECT CONCAT('sum ', SUM(balance), ' lowest ', MIN(balance),"
                        + " ' accounts ', COUNT(*)) FROM accounts")
                .mapTo(String.class)
                .one());
  }

  private static long balance(Handle handle, int id) {
    return handle.select("SELECT balance FROM accounts WHERE id = ?", id).mapTo(Long.class).one();
  }
}

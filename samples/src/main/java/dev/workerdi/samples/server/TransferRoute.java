package dev.workerdi.samples.server;

import java.util.Arrays;

/**
 * {@code POST /transfers} with the body {@code "FROM TO AMOUNT"}: 200 with both balances after the
 * transfer, 409 when the source account would go below zero (the transaction rolled back), 404 for
 * an unknown account, 400 for a malformed body. Stateless; thread-safe.
 */
final class TransferRoute {
  /** The largest amount one transfer may move. */
  static final long MAX_AMOUNT = 1_000_000_000L;

  private TransferRoute() {}

  static Routes.Reply transfer(Accounts accounts, String body) {
    String[] words = body.strip().split("\\s+");
    Long[] numbers =
        Arrays.stream(words).map(w -> Routes.number(w, MAX_AMOUNT)).toArray(Long[]::new);
    if (numbers.length != 3
        || Arrays.asList(numbers).contains(null)
        || numbers[2] == 0
        || numbers[0] > Integer.MAX_VALUE
        || numbers[1] > Integer.MAX_VALUE
        || numbers[0].equals(numbers[1])) {
      return new Routes.Reply(
          400,
          "POST /transfers takes \"FROM TO AMOUNT\": two distinct account ids and an"
              + " amount in 1.."
              + MAX_AMOUNT
              + ", not '"
              + body.strip()
              + "'");
    }
    try {
      Accounts.Balances after =
          accounts.transfer(numbers[0].intValue(), numbers[1].intValue(), numbers[2]);
      return Routes.Reply.ok(after.from() + " " + after.to());
    } catch (Accounts.InsufficientFunds e) {
      return new Routes.Reply(409, e.getMessage());
    } catch (Accounts.NoSuchAccount e) {
      return new Routes.Reply(404, e.getMessage());
    }
  }
}

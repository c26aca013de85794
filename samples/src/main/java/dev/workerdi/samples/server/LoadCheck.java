package dev.workerdi.samples.server;

import dev.workerdi.samples.ProgressOutput;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A real HTTP client exchange with the worker server: {@code clients} concurrent clients (virtual
 * threads released together), each storing a note and reading it back through plain JDBC and
 * through Jdbi, then making a transactional transfer between two accounts, checking every status
 * and body (see {@link Exchanges}). At the end the accounts must still hold their opening sum with
 * no balance below zero, however the transfers interleaved and whichever were refused. Not
 * thread-safe; one run per call.
 */
public final class LoadCheck {
  private LoadCheck() {}

  /**
   * What the exchange saw: clients whose five requests all answered correctly, and the others;
   * transfers done and refused (overdraft, rolled back); the accounts at the end ({@code "200 sum S
   * lowest L accounts N"}) and whether they balance; the workers that answered; the first failure.
   */
  public record Result(
      int clients,
      int ok,
      int wrong,
      int transfers,
      int refused,
      String accounts,
      boolean balanced,
      long elapsedMs,
      Map<String, Integer> workers,
      Optional<String> firstFailure) {}

  /** {@code clients} concurrent clients, without progress output. */
  public static Result run(int port, int clients) throws Exception {
    return run(port, clients, null);
  }

  /** {@code clients} concurrent clients, with progress on {@code out} when it is not null. */
  public static Result run(int port, int clients, PrintStream out) throws Exception {
    Exchanges exchanges = new Exchanges(port);
    List<String> failures = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    long started = System.nanoTime();
    int ok = 0;
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        ProgressOutput progress =
            out == null ? null : ProgressOutput.start("http clients", clients, out)) {
      List<Future<String>> checks = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int client = i;
        checks.add(
            threads.submit(
                () -> {
                  go.await();
                  String failure = exchanges.client(client);
                  if (progress != null) {
                    progress.step();
                  }
                  return failure;
                }));
      }
      go.countDown();
      for (Future<String> check : checks) {
        String failure = check.get();
        if (failure == null) {
          ok++;
        } else {
          failures.add(failure);
        }
      }
    }
    long elapsed = (System.nanoTime() - started) / 1_000_000;
    String accounts = exchanges.accounts();
    boolean balanced = balanced(accounts);
    if (!balanced) {
      failures.addFirst(
          "the accounts do not balance: '"
              + accounts
              + "', expected the sum "
              + Accounts.total()
              + " with no balance below 0");
    }
    Map<String, Integer> served = new TreeMap<>();
    exchanges.workers.forEach((name, count) -> served.put(name, count.get()));
    return new Result(
        clients,
        ok,
        clients - ok,
        exchanges.transfers.get(),
        exchanges.refused.get(),
        accounts,
        balanced,
        elapsed,
        served,
        failures.stream().findFirst());
  }

  /** Whether {@code GET /accounts} answered the opening sum over every account, none below zero. */
  static boolean balanced(String accounts) {
    String[] words = accounts.split(" ");
    return words.length == 7
        && words[0].equals("200")
        && words[2].equals(Long.toString(Accounts.total()))
        && !words[4].startsWith("-")
        && words[6].equals(Integer.toString(Accounts.COUNT));
  }
}

package dev.workerdi.jdbc;

/**
 * A snapshot of a pool's connections, as printed in errors: {@code total=8, active=8, idle=0,
 * waiting=12}. Immutable and thread-safe.
 *
 * @param total open connections
 * @param active connections lent out
 * @param idle connections ready to lend
 * @param waiting threads waiting for a connection
 */
public record PoolState(int total, int active, int idle, int waiting) {
  @Override
  public String toString() {
    return "total=" + total + ", active=" + active + ", idle=" + idle + ", waiting=" + waiting;
  }
}

package dev.workerdi.jdbc.internal;

import java.sql.Connection;

/**
 * The physical side of a lease: the pooled connection HikariCP handed out, the session-state
 * interceptor on it (null under a policy that tracks nothing) and its server thread id (-1 when
 * unknown). A {@link LeaseCore} holds one at a time; {@link LeaseCore#renew} swaps in a fresh one
 * when the node behind the old one went away. Immutable and thread-safe. Not a supported API.
 */
record PooledLink(Connection pooled, SessionStateInterceptor session, long serverThread) {}

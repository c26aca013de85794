package dev.workerdi.core;

/**
 * The catalog of every error this project raises, across all modules: one id per kind of mistake.
 *
 * <p>Ids are stable: they appear in messages ({@code [DI-111] ...}), in documentation and in the
 * golden files that pin the message texts. Numbers are grouped by module: 1xx container and
 * recipes, 2xx lifecycle, scopes and validation, 3xx JDBC pools and leases. Immutable and
 * thread-safe.
 */
public enum ErrorId {
  // ---- di-core: keys, recipes, the container ----
  NULL_ARGUMENT(101, "a required argument is null"),
  EMPTY_KEY(102, "a key is empty"),
  DUPLICATE_KEY(103, "the key is already registered"),
  CLASS_NOT_FOUND(104, "the recipe's class does not exist"),
  CLASS_NOT_LOADABLE(105, "the recipe's class cannot be loaded"),
  CLASS_NOT_CONCRETE(106, "the recipe's class cannot be instantiated"),
  NO_MATCHING_CONSTRUCTOR(107, "no constructor or factory accepts the arguments"),
  AMBIGUOUS_CONSTRUCTOR(108, "several constructors or factories accept the arguments"),
  PARAMETER_NAMES_MISSING(109, "named arguments need parameter names"),
  UNKNOWN_KEY(110, "the key is not registered"),
  EAGER_GET(111, "a worker-bound binding was resolved outside a worker"),
  REGISTRATION_CLOSED(112, "bindings can no longer be changed"),
  CONNECTION_LIKE_INSTANCE(113, "an already-built connection-like instance cannot be shared"),
  RECIPE_CONSTRUCTOR_FAILED(114, "the recipe's constructor or factory threw"),
  RECIPE_CLASS_INIT_FAILED(115, "the recipe's class failed to initialise"),
  CIRCULAR_RESOLUTION(116, "a binding depends on itself"),
  WRONG_TYPE(117, "the bound instance is not of the requested type"),
  PHASE_ORDER(118, "phases only move forward"),
  OUT_OF_SCOPE(119, "a scoped key was resolved outside its scope"),
  NOT_OWNER(120, "a coroutine-scoped object was used from another coroutine"),
  RECIPE_RETURNED_NULL(121, "the recipe's factory returned null"),
  CONTEXT_CLOSED(122, "the worker, coroutine or container is closed"),
  CLOSE_FAILED(123, "closing instances failed"),
  WRONG_THREAD(124, "a coroutine context was closed from another thread"),
  BAD_ARGUMENT(125, "an argument is out of range"),

  // ---- di-lifecycle: phases, hooks, the worker host ----
  HOOK_FAILED(201, "a lifecycle hook threw"),
  HOOK_INVALID(202, "a lifecycle hook method cannot be called"),
  HOST_STATE(203, "the worker host is not in a state that allows this"),
  TASK_FAILED(204, "a worker task failed"),
  STOP_TIMEOUT(205, "tasks did not finish before the stop deadline"),

  // ---- di-lifecycle: static validation ----
  VALIDATION_FAILED(230, "the modules break the rules"),
  SHARED_CONNECTION_INSTANCE(231, "a connection-like instance is bound for everyone"),
  SCOPE_WIDENING(232, "a longer-lived binding depends on a worker- or coroutine-scoped key"),
  UNBUILDABLE_RECIPE(233, "a declared recipe cannot be built"),
  PRE_START_RESOLUTION(234, "a pre-start hook resolved a worker-bound binding"),

  // ---- di-jdbc: pools, leases, budget, fan-out ----
  ACQUIRE_TIMEOUT(301, "no connection could be borrowed in time"),
  LEASE_RELEASED(302, "the lease was already returned"),
  LEASE_LEAKED(303, "a lease was not returned by the coroutine that borrowed it"),
  BUDGET_EXCEEDED(304, "the pools may open more connections than the server allows"),
  FANOUT_DEADLINE(305, "a fan-out did not finish before its deadline"),
  FANOUT_FAILED(306, "a fan-out task failed"),
  BAD_SETTINGS(307, "the connection settings are invalid"),
  DATABASE_UNREACHABLE(308, "the database cannot be reached with these settings"),
  NOT_IN_WORKER(309, "a pool or lease was requested outside a worker"),
  ACQUIRE_INTERRUPTED(310, "waiting for a connection was interrupted"),
  SECOND_LEASE(311, "a coroutine holding a lease asked the same pool for another"),

  // ---- di-jdbc: the lease-backed DataSource ----
  DATASOURCE_OUTSIDE_COROUTINE(
      320, "a lease-backed DataSource was asked for a connection outside a coroutine"),
  DATASOURCE_OTHER_WORKER(
      321, "a worker's DataSource was asked for a connection by another worker's coroutine"),
  CONNECTION_VIEW_CLOSED(322, "a DataSource connection was used after its close()"),
  DATASOURCE_UNSUPPORTED(323, "the lease-backed DataSource does not support this call"),

  // ---- di-jdbc: transactions ----
  TRANSACTION_OUTSIDE_COROUTINE(330, "a transaction was started outside a coroutine"),
  TRANSACTION_NEEDS_SECOND_CONNECTION(
      331, "a requires-new transaction would need a second connection in the coroutine"),
  TRANSACTION_CONFLICT(
      332, "a nested transactional call asks for what the open transaction cannot give"),
  TRANSACTION_MANAGED(
      333, "the open transaction is managed: it cannot be ended or changed through its connection"),
  TRANSACTION_ROLLBACK_ONLY(334, "the transaction was rolled back because a nested call failed"),
  TRANSACTION_FAILED(335, "a transaction could not be started or committed"),
  TRANSACTION_RETRIES_EXHAUSTED(336, "a retryable transaction failed on every attempt"),
  TRANSACTIONAL_NOT_INTERCEPTED(337, "@Transactional is on a method Guice does not intercept"),
  TRANSACTIONAL_UNKNOWN_DATABASE(338, "@Transactional names a database no JdbcModule binds"),

  // ---- di-jdbc: clusters ----
  QUORUM_LOST(340, "the database cluster lost quorum"),
  NODE_LOST(341, "a cluster node went away while a lease was using it"),
  CERTIFICATION_CONFLICT(342, "a transaction lost a Galera certification conflict"),
  DEADLOCK_OR_CONFLICT(
      343, "a transaction was rolled back by a deadlock or a Galera certification conflict");

  private final int number;
  private final String title;

  ErrorId(int number, String title) {
    this.number = number;
    this.title = title;
  }

  /** The id as printed in messages, for example {@code DI-111}. */
  public String code() {
    return "DI-" + number;
  }

  /** A short lower-case description of the kind of error. */
  public String title() {
    return title;
  }
}

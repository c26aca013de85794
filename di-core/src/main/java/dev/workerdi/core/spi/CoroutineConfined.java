package dev.workerdi.core.spi;

/**
 * Marks a type whose instances check by themselves that only their own coroutine uses them (a
 * connection lease does). The coroutine scope then hands them out as they are, instead of wrapping
 * interface-typed instances in an owner-checking proxy; {@link Confinement} is the check they use.
 */
public interface CoroutineConfined {}

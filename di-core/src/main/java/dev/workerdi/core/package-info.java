/**
 * The container: {@link dev.workerdi.core.Di} (lazy recipes registered by class name or class plus
 * arguments, like EasySwoole's {@code Di::set}), the phases gate, the worker and coroutine contexts
 * and their Guice scopes, and the one error catalog ({@link dev.workerdi.core.ErrorId}) every
 * module uses.
 */
package dev.workerdi.core;

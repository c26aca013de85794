/**
 * Lifecycle phases declared by annotated methods on Guice modules, the worker host that runs
 * workers of coroutines (virtual threads) through them, and static validation of modules.
 */
package dev.workerdi.lifecycle;

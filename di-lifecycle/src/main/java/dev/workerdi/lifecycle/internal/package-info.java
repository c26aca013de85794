/**
 * The implementation of the worker host, the hooks and static validation.
 *
 * <p><b>Not a supported API.</b> The classes in this package are the module's implementation: they
 * may change or disappear in any release, and no other module (nor application) may use them; the
 * architecture tests enforce this.
 */
package dev.workerdi.lifecycle.internal;

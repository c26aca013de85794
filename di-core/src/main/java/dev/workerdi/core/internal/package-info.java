/**
 * The implementation of the container, its recipes and its scopes.
 *
 * <p><b>Not a supported API.</b> The classes in this package are the module's implementation: they
 * may change or disappear in any release, and no other module (nor application) may use them; the
 * architecture tests enforce this.
 */
package dev.workerdi.core.internal;

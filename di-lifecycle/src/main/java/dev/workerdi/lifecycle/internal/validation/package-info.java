/**
 * Static validation of a set of modules, without starting anything: {@code ModuleValidator} (the
 * entry behind {@code Validation}), the binding graph read through Guice's SPI ({@code
 * BindingGraph}, {@code LifeSpans}), the checks ({@code WideningCheck}, {@code RecipeCheck}) and
 * their error factory {@code ValidationErrors}. It does not use the host package.
 *
 * <p><b>Not a supported API.</b> The classes in this package are the module's implementation: they
 * may change or disappear in any release, and no other module (nor application) may use them; the
 * architecture tests enforce this.
 */
package dev.workerdi.lifecycle.internal.validation;

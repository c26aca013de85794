package dev.workerdi.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaConstructorReference;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, checked on the compiled main classes of every module (this module's
 * classpath is the only one that holds them all): dependencies point one way, core ← lifecycle ←
 * jdbc ← samples ← benchmarks, and the library never depends on the test support; no module uses
 * another module's {@code internal} package; no public signature of an API package mentions an
 * internal type; and no code down-casts an API interface to its internal implementation.
 */
class ArchitectureTest {
  private static final String[] MODULES = {"core", "lifecycle", "jdbc"};

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.workerdi");
    for (String module : List.of("core", "lifecycle", "jdbc", "testing", "samples", "benchmarks")) {
      assertTrue(
          classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.workerdi." + module)),
          "the main classes of " + module + " are on the classpath, so the rules below see them");
    }
  }

  @Test
  void dependenciesPointOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("core")
        .definedBy("dev.workerdi.core..")
        .layer("lifecycle")
        .definedBy("dev.workerdi.lifecycle..")
        .layer("jdbc")
        .definedBy("dev.workerdi.jdbc..")
        .layer("samples")
        .definedBy("dev.workerdi.samples..")
        .layer("benchmarks")
        .definedBy("dev.workerdi.benchmarks..")
        .whereLayer("benchmarks")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("samples")
        .mayOnlyBeAccessedByLayers("benchmarks")
        .whereLayer("jdbc")
        .mayOnlyBeAccessedByLayers("samples", "benchmarks")
        .whereLayer("lifecycle")
        .mayOnlyBeAccessedByLayers("jdbc", "samples", "benchmarks")
        .check(classes);
  }

  @Test
  void theLibraryDoesNotShipTestSupport() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.workerdi.core..", "dev.workerdi.lifecycle..", "dev.workerdi.jdbc..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.workerdi.testing..")
        .because("di-testing is test support, for the library's and its users' tests only")
        .check(classes);
  }

  @Test
  void noModuleUsesAnotherModulesInternals() {
    for (String module : MODULES) {
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.workerdi." + module + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.workerdi." + module + ".internal..")
          .because(
              "dev.workerdi."
                  + module
                  + ".internal is that module's implementation; other modules use "
                  + "its API or dev.workerdi.core.spi")
          .check(classes);
    }
  }

  /** di-lifecycle's two internals stay apart: the worker host and static validation. */
  @Test
  void theHostAndValidationInternalsDoNotUseEachOther() {
    String host = "dev.workerdi.lifecycle.internal.host..";
    String validation = "dev.workerdi.lifecycle.internal.validation..";
    noClasses()
        .that()
        .resideInAPackage(host)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(validation)
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(validation)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(host)
        .check(classes);
  }

  @Test
  void apiSignaturesMentionOnlyApiTypes() {
    members().that(arePublicApi()).should(mentionNoInternalType()).check(classes);
  }

  /**
   * No down-cast of an API interface to its internal implementation: outside its own package, an
   * internal class that implements an API interface is used as itself (a call or field access on
   * it, an {@code instanceof} of it, a field, parameter or return type naming it) only by the class
   * that constructs it; every other class gets it as the interface and uses it as the interface.
   * ArchUnit (1.4) records no {@code checkcast}, so a down-cast is caught by what has to follow it.
   * Code that needs more than the interface offers is given a type of its own (an internal
   * binding), not a value to cast.
   */
  @Test
  void apiInterfacesAreNotDownCastToTheirImplementation() {
    classes()
        .that(implementAnApiInterface())
        .should(beUsedAsThemselvesOnlyByTheirMaker())
        .check(classes);
  }

  private static DescribedPredicate<JavaClass> implementAnApiInterface() {
    return describe(
        "are internal implementations of an API interface",
        type ->
            type.getPackageName().contains(".internal")
                && type.getAllRawInterfaces().stream()
                    .anyMatch(
                        api ->
                            api.getPackageName().startsWith("dev.workerdi.")
                                && !api.getPackageName().contains(".internal")));
  }

  private static ArchCondition<JavaClass> beUsedAsThemselvesOnlyByTheirMaker() {
    return new ArchCondition<>(
        "be used as themselves, outside their package, only by their maker") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        Set<JavaClass> makers = new HashSet<>();
        type.getConstructorCallsToSelf()
            .forEach(call -> makers.add(topLevel(call.getOriginOwner())));
        type.getConstructorReferencesToSelf()
            .forEach(reference -> makers.add(topLevel(reference.getOriginOwner())));
        Map<JavaClass, String> uses = new LinkedHashMap<>();
        type.getAccessesToSelf().stream()
            .filter(access -> !(access instanceof JavaConstructorCall))
            .filter(access -> !(access instanceof JavaConstructorReference))
            .forEach(access -> uses.putIfAbsent(access.getOriginOwner(), access.getDescription()));
        type.getInstanceofChecksWithTypeOfSelf()
            .forEach(
                check ->
                    uses.putIfAbsent(
                        check.getOwner().getOwner(),
                        check.getOwner().getFullName()
                            + " checks instanceof "
                            + type.getSimpleName()
                            + " "
                            + check.getSourceCodeLocation()));
        Stream.of(
                type.getFieldsWithTypeOfSelf().stream(),
                type.getMethodsWithParameterTypeOfSelf().stream(),
                type.getMethodsWithReturnTypeOfSelf().stream(),
                type.getConstructorsWithParameterTypeOfSelf().stream())
            .flatMap(members -> members)
            .forEach(
                member ->
                    uses.putIfAbsent(
                        member.getOwner(),
                        member.getFullName() + " names " + type.getSimpleName()));
        uses.forEach(
            (user, use) -> {
              if (!user.getPackageName().equals(type.getPackageName())
                  && !makers.contains(topLevel(user))) {
                events.add(
                    SimpleConditionEvent.violated(
                        type,
                        type.getName()
                            + " is used as itself by "
                            + user.getName()
                            + ", which does not construct it (a down-cast of its interface?): "
                            + use));
              }
            });
      }
    };
  }

  private static JavaClass topLevel(JavaClass type) {
    JavaClass outer = type;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer;
  }

  private static DescribedPredicate<JavaMember> arePublicApi() {
    return describe(
        "are public members of public API types",
        member -> {
          JavaClass owner = member.getOwner();
          return !owner.getPackageName().contains(".internal")
              && owner.getModifiers().contains(JavaModifier.PUBLIC)
              && (member.getModifiers().contains(JavaModifier.PUBLIC)
                  || member.getModifiers().contains(JavaModifier.PROTECTED));
        });
  }

  private static ArchCondition<JavaMember> mentionNoInternalType() {
    return new ArchCondition<>("mention no type of an internal package") {
      @Override
      public void check(JavaMember member, ConditionEvents events) {
        signatureTypes(member)
            .filter(type -> type.getPackageName().contains(".internal"))
            .forEach(
                type ->
                    events.add(
                        SimpleConditionEvent.violated(
                            member, member.getFullName() + " mentions " + type.getName())));
      }
    };
  }

  private static Stream<JavaClass> signatureTypes(JavaMember member) {
    List<JavaClass> types = new ArrayList<>();
    if (member instanceof JavaField field) {
      types.addAll(field.getType().getAllInvolvedRawTypes());
    } else if (member instanceof JavaCodeUnit code) {
      types.addAll(code.getReturnType().getAllInvolvedRawTypes());
      code.getParameterTypes().forEach(type -> types.addAll(type.getAllInvolvedRawTypes()));
      code.getThrowsClause().getTypes().forEach(types::add);
    }
    return types.stream();
  }
}

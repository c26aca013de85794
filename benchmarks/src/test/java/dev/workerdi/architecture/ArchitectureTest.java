package dev.workerdi.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, checked on the compiled main classes of every module (this module's
 * classpath is the only one that holds them all): dependencies point one way, core ← lifecycle ←
 * jdbc ← samples ← benchmarks, and the library never depends on the test support; no module uses
 * another module's {@code internal} package; and no public signature of an API package mentions an
 * internal type.
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

  @Test
  void apiSignaturesMentionOnlyApiTypes() {
    members().that(arePublicApi()).should(mentionNoInternalType()).check(classes);
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

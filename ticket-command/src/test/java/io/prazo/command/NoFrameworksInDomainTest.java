package io.prazo.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.prazo", importOptions = ImportOption.DoNotIncludeTests.class)
class NoFrameworksInDomainTest {

  @ArchTest
  static final ArchRule theTicketDomainKnowsNoFramework =
      noClasses()
          .that()
          .resideInAnyPackage("io.prazo.command.domain..", "io.prazo.sla..", "io.prazo.events..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..", "org.axonframework..", "jakarta.persistence..");

  @ArchTest
  static final ArchRule theDomainDoesNotReachIntoTheServiceAroundIt =
      noClasses()
          .that()
          .resideInAPackage("io.prazo.command.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.prazo.command.web..",
              "io.prazo.command.aggregate..",
              "io.prazo.command.config..",
              "io.prazo.web..");
}

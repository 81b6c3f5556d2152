package org.orgcert.server.process;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;

/**
 * The shape issue 11 asks for, checked on the compiled classes: nothing but the decision's transitions moves an
 * application, and the services below the web layer speak in domain refusals, not HTTP.
 */
class ProcessStructureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.orgcert.server");
    }

    @Test
    void onlyTheTransitionsMoveAnApplication() {
        noClasses().that().doNotHaveFullyQualifiedName("org.orgcert.server.application.ApplicationTransitions")
                .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("transition"))
                        .and(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                                com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                        com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName(
                                                "ApplicationRepository")))))
                .because("ApplicationTransitions is the one door of every application state change")
                .check(classes);
    }

    @Test
    void servicesBelowTheWebLayerDoNotUseHttpTypes() {
        DescribedPredicate<JavaClass> services = new DescribedPredicate<>("services, repositories and decisions") {
            @Override
            public boolean test(JavaClass c) {
                JavaClass top = c.getEnclosingClass().orElse(c);
                return top.isAnnotatedWith(Service.class) || top.isAnnotatedWith(Repository.class)
                        || top.getSimpleName().matches(".*(Service|Repository|Decisions|Transitions|Guard|Consequence)");
            }
        };
        noClasses().that(services)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "jakarta.servlet..",
                        "org.springframework.web..")
                .because("services refuse with typed domain refusals; HTTP belongs to the edge")
                .check(classes);
    }
}

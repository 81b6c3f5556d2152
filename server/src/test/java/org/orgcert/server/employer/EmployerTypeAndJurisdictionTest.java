package org.orgcert.server.employer;

import org.orgcert.server.TestUscc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orgcert.pki.name.Uscc;

/** The USCC suggests the R-MAT-1 employer type and decides the R-FEE jurisdiction unless staff override it. */
class EmployerTypeAndJurisdictionTest {

    @ParameterizedTest(name = "R-MAT-1: category {0} suggests {1}")
    @CsvSource({
            "91, ENTERPRISE_OR_INDIVIDUAL_BUSINESS", "92, ENTERPRISE_OR_INDIVIDUAL_BUSINESS",
            "93, ENTERPRISE_OR_INDIVIDUAL_BUSINESS",
            "11, STATE_ORGAN_OR_PUBLIC_INSTITUTION", "12, STATE_ORGAN_OR_PUBLIC_INSTITUTION",
            "13, STATE_ORGAN_OR_PUBLIC_INSTITUTION", "19, STATE_ORGAN_OR_PUBLIC_INSTITUTION",
            "51, SOCIAL_ORGANISATION", "52, SOCIAL_ORGANISATION", "53, SOCIAL_ORGANISATION", "59, SOCIAL_ORGANISATION"})
    void theCategoryCodeSuggestsATypeRMat1(String category, EmployerType expected) {
        assertThat(EmployerType.suggestedFor(TestUscc.of(category, "530102", "MA6K0001"))).contains(expected);
    }

    @ParameterizedTest(name = "R-MAT-1: category {0} leaves the type to staff")
    @CsvSource({"31", "21", "Y1", "N1", "99", "14"})
    void otherCategoriesGetNoSuggestionRMat1(String category) {
        assertThat(EmployerType.suggestedFor(TestUscc.of(category, "530102", "MA6K0001"))).isEmpty();
    }

    @Test
    void theKnownExampleIsAnEnterpriseOutsideKunmingRFee() {
        Uscc beijing = new Uscc("91110000600037341L");
        assertThat(EmployerType.suggestedFor(beijing)).contains(EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS);
        assertThat(Jurisdiction.of(beijing)).isEqualTo(new Jurisdiction(false, null));
    }

    @ParameterizedTest(name = "R-FEE interpretation: division {0} inside Kunming = {1}")
    @CsvSource({"530102, true", "530100, true", "530181, true", "530129, true", "530302, false", "110105, false",
            "530000, false", "350100, false"})
    void theDivisionCodeDecidesTheJurisdictionRFee(String division, boolean inside) {
        Jurisdiction jurisdiction = Jurisdiction.of(TestUscc.of("91", division, "MA6K0001"));
        assertThat(jurisdiction.insideKunming()).isEqualTo(inside);
        assertThat(jurisdiction.overridden()).isFalse();
    }

    @Test
    void staffOverrideNeedsAReasonRFee() {
        Jurisdiction override = Jurisdiction.byStaff(true, "  insured in Kunming since 2019  ");
        assertThat(override.insideKunming()).isTrue();
        assertThat(override.overridden()).isTrue();
        assertThat(override.overrideReason()).isEqualTo("insured in Kunming since 2019");
        assertThatThrownBy(() -> Jurisdiction.byStaff(true, " ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> Jurisdiction.byStaff(false, null)).hasMessageContaining("reason");
    }
}

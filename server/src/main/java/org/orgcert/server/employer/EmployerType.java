package org.orgcert.server.employer;

import java.util.Optional;
import java.util.Set;
import org.orgcert.pki.name.Uscc;

/**
 * The three kinds of employer of R-MAT-1, which decide the proof documents an application needs. The USCC's
 * registration department and category suggest one; staff confirm it (a code outside the known categories
 * gets no suggestion, and staff must choose).
 */
public enum EmployerType {
    /** R-MAT-1 a: enterprise or individual business (企业和个体经营者); business licence copy. */
    ENTERPRISE_OR_INDIVIDUAL_BUSINESS,
    /** R-MAT-1 b: state administrative organ or public institution (国家行政机关和事业单位). */
    STATE_ORGAN_OR_PUBLIC_INSTITUTION,
    /** R-MAT-1 c: social organisation (社会团体); its legal-person registration certificate copy. */
    SOCIAL_ORGANISATION;

    // GB 32100 characters 1-2 (PKI-FACTS "Identifiers"): 9x market regulation, 1x establishment
    // administration (机构编制), 5x civil affairs (民政).
    private static final Set<String> ENTERPRISE = Set.of("91", "92", "93");
    private static final Set<String> STATE = Set.of("11", "12", "13", "19");
    private static final Set<String> SOCIAL = Set.of("51", "52", "53", "59");

    /** The type the USCC's registration department and category code suggest, or empty for staff to decide. */
    public static Optional<EmployerType> suggestedFor(Uscc uscc) {
        String category = uscc.categoryCode();
        if (ENTERPRISE.contains(category)) {
            return Optional.of(ENTERPRISE_OR_INDIVIDUAL_BUSINESS);
        }
        if (STATE.contains(category)) {
            return Optional.of(STATE_ORGAN_OR_PUBLIC_INSTITUTION);
        }
        if (SOCIAL.contains(category)) {
            return Optional.of(SOCIAL_ORGANISATION);
        }
        return Optional.empty();
    }
}

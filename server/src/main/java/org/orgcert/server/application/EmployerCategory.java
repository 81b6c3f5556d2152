package org.orgcert.server.application;

/**
 * The three kinds of employer of R-MAT-1, which decide the proof of the employer. The employer capability
 * suggests it from the USCC; staff confirm it.
 */
public enum EmployerCategory {
    /** R-MAT-1 a: enterprise or individual business. */
    ENTERPRISE_OR_INDIVIDUAL_BUSINESS(MaterialItem.BUSINESS_LICENCE_COPY),
    /** R-MAT-1 b: state administrative organ or public institution. */
    STATE_ORGAN_OR_PUBLIC_INSTITUTION(MaterialItem.INSTITUTION_CERTIFICATE_COPY),
    /** R-MAT-1 c: social organisation. */
    SOCIAL_ORGANISATION(MaterialItem.SOCIAL_ORGANISATION_CERTIFICATE_COPY);

    private final MaterialItem proof;

    EmployerCategory(MaterialItem proof) {
        this.proof = proof;
    }

    /** The copy that proves this kind of employer. */
    public MaterialItem proof() {
        return proof;
    }
}

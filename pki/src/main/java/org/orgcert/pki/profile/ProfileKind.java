package org.orgcert.pki.profile;

/** What a certificate is for; decides how its subject is formed and which checks apply. */
public enum ProfileKind {
    /** A self-signed root CA. */
    ROOT_CA,
    /** A CA signed by the root that signs employer certificates, CRLs and OCSP signer certificates. */
    ISSUING_CA,
    /** The delegated OCSP responder of an issuing CA (RFC 6960 4.2.2.2). */
    OCSP_SIGNER,
    /** An employer's signing certificate on its USB key (R-CERT-1, R-CERT-5): subject from name and USCC. */
    EMPLOYER_SIGNING,
    /** An employer's encryption certificate, for dual-certificate tokens (GM/T 0015 practice). */
    EMPLOYER_ENCRYPTION;

    /** True for certificates whose subject is built from an employer's name and USCC. */
    public boolean isEmployer() {
        return this == EMPLOYER_SIGNING || this == EMPLOYER_ENCRYPTION;
    }

    /** True for CA certificates. */
    public boolean isCa() {
        return this == ROOT_CA || this == ISSUING_CA;
    }
}

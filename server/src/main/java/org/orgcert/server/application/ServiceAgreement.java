package org.orgcert.server.application;

/**
 * The service agreement an employer accepts when applying online (R-MAT-3: on paper it is printed on the back
 * of the application form). Its text is the template {@code portal/my/service-agreement.html}; this is its
 * version, which the online application's last step sends back when the box is ticked and which the audit
 * record of the submission keeps. Change the version whenever the text changes.
 */
public final class ServiceAgreement {
    /** The version of the text now shown. */
    public static final String VERSION = "2026-12";

    private ServiceAgreement() {
    }
}

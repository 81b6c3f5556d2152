package org.orgcert.server.portal;

/**
 * The portal's addresses in one place, for the controllers, the language switch and the navigation.
 * The public ones are also in {@code account.SecurityConfiguration}'s permit-all list.
 */
final class PortalPaths {
    static final String HOME = "/";
    static final String MATERIALS = "/materials";
    /** The USB-key assistant's download page (issue 13). */
    static final String ASSISTANT = "/assistant";
    static final String CHANNELS = "/channels";
    static final String FEES = "/fees";
    static final String WINDOWS = "/windows";
    static final String GUIDE = "/guide";
    static final String GUIDE_PDF = "/guide.pdf";
    /** Who to be in the demo ({@code ./orgcert serve --demo} only). */
    static final String DEMO = "/demo";
    static final String APPLICATION_STATUS = "/application-status";
    static final String BLANK_APPLICATION_FORM = "/forms/application-form.pdf";
    static final String BLANK_MAILING_FORM = "/forms/mailing-form.pdf";
    /** Pre-filled forms of one application: signed-in staff, or the agent of its employer. */
    static final String APPLICATION_FORM = "/portal/applications/{id}/application-form.pdf";
    static final String MAILING_FORM = "/portal/applications/{id}/mailing-form.pdf";

    /** The employer's own pages (signed-in agents; {@code /my/login} is public). */
    static final String MY = "/my";
    static final String MY_LOGIN = "/my/login";
    static final String MY_LOGIN_CODE = "/my/login/code";
    /** Starts (or resumes) the apply wizard; its steps are {@link ApplyStep}'s pages under it. */
    static final String MY_APPLY = "/my/apply";
    static final String MY_APPLY_STEP = "/my/apply/{step}";
    static final String MY_APPLY_EMPLOYER = "/my/apply/employer";
    static final String MY_APPLY_MATERIALS = "/my/apply/materials";
    static final String MY_APPLY_CHANNEL = "/my/apply/channel";
    static final String MY_APPLY_WINDOW_OR_ADDRESS = "/my/apply/window-or-address";
    static final String MY_APPLY_REVIEW = "/my/apply/review";
    static final String MY_APPLY_SUBMIT = "/my/apply/submit";
    static final String MY_APPLICATION = "/my/applications/{id}";
    static final String MY_APPLICATION_DOCUMENTS = "/my/applications/{id}/documents";
    static final String MY_APPLICATION_INVOICE = "/my/applications/{id}/invoice";
    static final String MY_CERTIFICATE = "/my/certificates/{serial}";
    static final String MY_CERTIFICATE_END = "/my/certificates/{serial}/end";
    static final String MY_CERTIFICATE_CHANGE = "/my/certificates/{serial}/information-change";

    /** Customer service changes who may sign in for an employer (issue 11 item 5): the form, its post, a result. */
    static final String STAFF_SIGN_IN_NUMBERS = "/staff/service/sign-in-numbers";
    static final String STAFF_SIGN_IN_NUMBERS_CHANGE = "/staff/service/sign-in-numbers/change";
    static final String STAFF_SIGN_IN_NUMBER_CHANGE = "/staff/service/sign-in-numbers/changes/{id}";

    /** The pages anyone may open, where {@code ?lang=} switches the language. */
    static final String[] PUBLIC = {HOME, MATERIALS, ASSISTANT, ASSISTANT + "/download/*", CHANNELS, FEES, WINDOWS, GUIDE, GUIDE_PDF, "/forms/**"};

    private PortalPaths() {
    }
}

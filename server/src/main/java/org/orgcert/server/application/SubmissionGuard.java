package org.orgcert.server.application;

import java.util.Map;

/**
 * A check of a new application's form that needs another capability's records, such as a reissue's
 * certificate (it must be the employer's and have ended). Consulted by every submission, whoever hands it in.
 */
public interface SubmissionGuard {

    /** The form's problems by field, empty when this check passes. */
    Map<String, String> problems(SubmitApplication form);
}

/**
 * An application's timeline and progress and the dates that matter to the employer (issue 6's status page, issue 14): what happened
 * when, "ready by" (R-CH-2), "collect between … and …" (R-CH-5..7), and what is still to pay (R-FEE-4).
 */
package org.orgcert.server.tracking;

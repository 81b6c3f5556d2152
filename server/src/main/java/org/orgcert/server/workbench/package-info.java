/**
 * What staff see first (issue 6): each role's queues with counts and overdue flags, and the bureau's
 * dashboard figures. Reads only; the work itself happens through each capability's own API.
 */
package org.orgcert.server.workbench;

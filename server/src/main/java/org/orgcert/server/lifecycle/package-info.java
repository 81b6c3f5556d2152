/**
 * After issuance (issue 4): remote annual renewal (R-REN-1..3), information change (R-FEE-1 c), unlock
 * (R-FEE-1 d), loss, damage and cancellation (R-FEE-2), and renewal reminders. Each step is an ONLINE
 * application (channel ONLINE, delivery TO_TOKEN) so that billing prices it like any other.
 */
package org.orgcert.server.lifecycle;

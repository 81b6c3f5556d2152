/**
 * Fees, payments, invoices and the bureau's subsidy ledger (issue 5; R-FEE-1..4, R-REN-3). Money is integer
 * fen ({@link org.orgcert.server.billing.Fen}).
 */
package org.orgcert.server.billing;

package org.orgcert.server.workbench;

/**
 * One queue of a role's workbench.
 *
 * @param name    a stable name, e.g. {@code to-forward}, {@code unlock-requests}
 * @param count   how many items wait
 * @param overdue how many of them are late (production beyond 3 working days, R-CH-2; phone notices whose
 *                window closes today or has closed, R-CH-5)
 * @param rule    the rule the queue serves
 */
public record Queue(String name, long count, long overdue, String rule) {
}

package org.orgcert.server.review;

/**
 * A field where the application form and the insurance record disagree (R-REV-3).
 *
 * @param field    the field, e.g. {@code name}
 * @param onForm   what the form says
 * @param inRecord what the insurance record says
 */
public record FieldDifference(String field, String onForm, String inRecord) {
}

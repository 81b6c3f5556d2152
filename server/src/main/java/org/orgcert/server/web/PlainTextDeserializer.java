package org.orgcert.server.web;

import java.util.Optional;
import org.orgcert.server.domain.PlainText;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Every string of every JSON body the service reads is {@link PlainText#ANY}: a NUL or another control character
 * is refused where it enters, with the path of the field ({@link InputRefusalAdvice} names it), instead of
 * reaching a service, a page or the database (which refuses a NUL with a bare 500). Field lengths are the
 * services' own checks.
 */
final class PlainTextDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = super.deserialize(parser, context);
        Optional<String> problem = PlainText.ANY.problem(value);
        if (problem.isPresent()) {
            // The value itself is not repeated: it may be long, and its control characters are the problem.
            throw InvalidFormatException.from(parser, problem.get(), null, String.class);
        }
        return value;
    }
}

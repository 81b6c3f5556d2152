package org.orgcert.key.local;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A request body of the local API: one flat JSON object of string fields, read straight into char arrays so
 * PINs never become {@code String}s here, and wiped by {@link #close()}. Anything else (nesting, numbers,
 * unknown or repeated fields, trailing data) is refused as a {@link ApiError bad request} whose detail never
 * quotes the body: a parser's own message would echo the PIN.
 */
final class JsonFields implements AutoCloseable {
    private final Map<String, char[]> values;

    private JsonFields(Map<String, char[]> values) {
        this.values = values;
    }

    /** Reads {@code body}, which may only hold fields named in {@code allowed}. */
    static JsonFields read(byte[] body, Set<String> allowed) {
        Map<String, char[]> values = new HashMap<>();
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ApiError.badRequest("The body must be a JSON object.");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token != JsonToken.PROPERTY_NAME) {
                    throw ApiError.badRequest("The body is not valid JSON.");
                }
                String name = parser.currentName();
                if (!allowed.contains(name)) {
                    throw ApiError.badRequest("Unknown field; this endpoint takes " + String.join(", ",
                            allowed.stream().sorted().toList()) + ".");
                }
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw ApiError.badRequest("Field " + name + " must be a string.");
                }
                char[] value = Arrays.copyOfRange(parser.getStringCharacters(), parser.getStringOffset(),
                        parser.getStringOffset() + parser.getStringLength());
                char[] before = values.put(name, value);
                if (before != null) {
                    Arrays.fill(before, '\0');
                    throw ApiError.badRequest("Field " + name + " appears twice.");
                }
            }
            if (parser.nextToken() != null) {
                throw ApiError.badRequest("The body holds more than one JSON value.");
            }
            return new JsonFields(values);
        } catch (JacksonException e) {
            wipe(values);
            throw ApiError.badRequest("The body is not valid JSON.");
        } catch (RuntimeException e) {
            wipe(values);
            throw e;
        }
    }

    /**
     * The field's characters (owned by this object: wiped on close).
     *
     * @throws ApiError 400 when it is missing or empty
     */
    char[] required(String name) {
        char[] value = values.get(name);
        if (value == null || value.length == 0) {
            throw ApiError.badRequest("Field " + name + " is required.");
        }
        return value;
    }

    /** The field as text, for values that are not secrets (or must become text anyway to be parsed). */
    String requiredText(String name) {
        return new String(required(name));
    }

    @Override
    public void close() {
        wipe(values);
    }

    private static void wipe(Map<String, char[]> values) {
        values.values().forEach(v -> Arrays.fill(v, '\0'));
    }

    @Override
    public String toString() {
        return "JsonFields" + values.keySet() + "[values hidden]";
    }
}

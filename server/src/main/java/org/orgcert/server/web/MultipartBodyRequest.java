package org.orgcert.server.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A multipart request whose body {@link RequestBodyTimeLimit} has parsed in full, under the body's deadline:
 * its parts (files spilled to the filter's 0700 folder above a threshold) and its form fields, merged with the
 * query string's, as Tomcat would give them. The raw body is gone: its stream is empty. A body that could not
 * be parsed (a size limit, a malformed body) fails {@link #getParts()} as Tomcat's own parser would, so Spring
 * answers it as before ({@link UploadLimitAdvice}).
 */
final class MultipartBodyRequest extends RequestWithParameters {
    private final List<Part> parts;
    private final Exception failure;

    /** @param failure why the body could not be parsed, or null; then {@code parts} are the body's parts */
    MultipartBodyRequest(HttpServletRequest request, List<Part> parts, Map<String, List<String>> fields,
            Exception failure) {
        super(request, merged(request, fields));
        this.parts = List.copyOf(parts);
        this.failure = failure;
    }

    /** The query string's parameters (the container's only: the body's stream was read here), then the form's fields. */
    private static Map<String, String[]> merged(HttpServletRequest request, Map<String, List<String>> fields) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> merged.computeIfAbsent(name, n -> new ArrayList<>())
                .addAll(List.of(values)));
        fields.forEach((name, values) -> merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        Map<String, String[]> result = new LinkedHashMap<>();
        merged.forEach((name, values) -> result.put(name, values.toArray(String[]::new)));
        return Collections.unmodifiableMap(result);
    }

    /** Whether the body could not be parsed (then it may not have been read to its end). */
    boolean failed() {
        return failure != null;
    }

    /** Whether the body's stream broke off while it was read (the client went away), rather than being malformed. */
    boolean broken() {
        return failure instanceof MultipartBodies.BodyBroken;
    }

    /** Removes the parts' files, if any (after the request, whatever the endpoint did with them). */
    void deleteParts() {
        for (Part part : parts) {
            try {
                part.delete();
            } catch (IOException e) {
                // Already gone, or moved by the endpoint.
            }
        }
    }

    @Override
    public Collection<Part> getParts() throws IOException, ServletException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof ServletException servlet) {
            throw servlet;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        return parts;
    }

    @Override
    public Part getPart(String name) throws IOException, ServletException {
        for (Part part : getParts()) {
            if (part.getName().equals(name)) {
                return part;
            }
        }
        return null;
    }

    @Override
    public ServletInputStream getInputStream() {
        return new ReadBodyStream(new byte[0]); // the parts hold the body
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new StringReader(""));
    }
}

package org.orgcert.server.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.catalina.core.ApplicationPart;
import org.apache.tomcat.util.http.fileupload.FileItem;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.disk.DiskFileItemFactory;
import org.apache.tomcat.util.http.fileupload.impl.InvalidContentTypeException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;

/**
 * Parses a multipart body from a timed stream with Tomcat's own parser, as Tomcat's {@code Request.parseParts}
 * does (same limits, same part objects, same failures), for {@link RequestBodyTimeLimit}.
 */
final class MultipartBodies {
    private MultipartBodies() {
    }

    static MultipartBodyRequest parse(HttpServletRequest request, ServletInputStream body,
            RequestBodyTimeLimit.Uploads uploads, File folder) {
        DiskFileItemFactory factory = new DiskFileItemFactory();
        factory.setRepository(folder);
        factory.setSizeThreshold(uploads.fileSizeThreshold());
        FileUpload upload = new FileUpload();
        upload.setFileItemFactory(factory);
        upload.setFileSizeMax(uploads.maxFileSize());
        upload.setSizeMax(uploads.maxRequestSize());
        upload.setFileCountMax(uploads.maxPartCount());
        upload.setPartHeaderSizeMax(uploads.maxPartHeaderSize());
        Charset charset = request.getCharacterEncoding() == null ? StandardCharsets.UTF_8
                : Charset.forName(request.getCharacterEncoding());
        List<Part> parts = new ArrayList<>();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Exception failure = null;
        try {
            HttpServletRequest fromTimedStream = new HttpServletRequestWrapper(request) {
                @Override
                public ServletInputStream getInputStream() {
                    return body;
                }
            };
            for (FileItem item : upload.parseRequest(new ServletRequestContext(fromTimedStream))) {
                ApplicationPart part = new ApplicationPart(item, folder);
                parts.add(part);
                if (part.getSubmittedFileName() == null) {
                    fields.computeIfAbsent(part.getName(), n -> new ArrayList<>()).add(part.getString(charset.name()));
                }
            }
        } catch (InvalidContentTypeException e) {
            failure = new ServletException(e);
        } catch (SizeException e) {
            failure = new IllegalStateException(e);
        } catch (FileUploadException e) {
            // Malformed parts are the endpoint's to answer; a stream that broke under the parser is not.
            failure = streamBroke(e) ? new BodyBroken(new IOException(e)) : new IOException(e);
        } catch (IOException e) {
            failure = new BodyBroken(e);
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure != null) {
            for (Part part : parts) {
                try {
                    part.delete();
                } catch (IOException gone) {
                    // Nothing left to remove.
                }
            }
            parts.clear();
            fields.clear();
        }
        return new MultipartBodyRequest(request, parts, fields, failure);
    }

    /** Whether the parser failed because reading the body failed (a cause outside the parser's own exceptions). */
    private static boolean streamBroke(FileUploadException failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException && !cause.getClass().getName().startsWith(FileUploadException.class.getPackageName())) {
                return true;
            }
        }
        return false;
    }

    /** The body broke off while it was read: the client closed or reset it. */
    static final class BodyBroken extends IOException {
        BodyBroken(IOException cause) {
            super("the request body broke off: " + cause.getMessage(), cause);
        }
    }
}

package org.orgcert.server.web;

import java.util.Map;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload beyond the servlet's multipart limit: 413 problem+json with a reason, nothing stored. Spring reports
 * every size limit of Tomcat's multipart parser as the upload size, also the limit on a part's header
 * ({@code server.tomcat.max-part-header-size}), which only a very long file name reaches: that one is a 400
 * {@code file-name-too-long} naming {@code filename}.
 */
@RestControllerAdvice
// Ahead of Spring Boot's generic problem handler, which says only "Maximum upload size exceeded".
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UploadLimitAdvice {
    private final long partHeaderBytes;

    UploadLimitAdvice(@Value("${server.tomcat.max-part-header-size:512B}") DataSize partHeader) {
        this.partHeaderBytes = partHeader.toBytes();
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        if (partHeaderTooLong(e)) {
            String problem = "the file name is too long; rename the file to a shorter name and upload it again";
            // Shaped like a field refusal ("errors" by field), with its own type.
            return Problems.of(WebRefusal.FILE_NAME_TOO_LONG.refuse(problem).with("errors", Map.of("filename", problem)));
        }
        return Problems.of(WebRefusal.FILE_TOO_LARGE.refuse("A scan may have at most 10 MB. Scan at a lower"
                + " resolution or as PDF."));
    }

    /** Whether the limit exceeded is the one on a part's header rather than on a file or the request. */
    private boolean partHeaderTooLong(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SizeException size && size.getPermittedSize() == partHeaderBytes) {
                return true;
            }
        }
        return false;
    }
}

package org.orgcert.server.web;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** An upload beyond the servlet's multipart limit: 413 problem+json with a reason, nothing stored. */
@RestControllerAdvice
class UploadLimitAdvice {
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        return Problems.of(WebRefusal.FILE_TOO_LARGE.refuse("A scan may have at most 10 MB. Scan at a lower"
                + " resolution or as PDF."));
    }
}

package org.orgcert.server.web;

import org.orgcert.server.domain.Refusal;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The edge of every API: a service's {@link Refusal} is answered as problem+json with its kind's status
 * ({@link Problems}). Portal pages have their own advice, which shows the code's text in the reader's language.
 */
@RestControllerAdvice
class RefusalAdvice {

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal refusal) {
        ProblemDetail body = Problems.of(refusal);
        return ResponseEntity.status(body.getStatus()).body(body);
    }
}

package org.orgcert.server.web;

import java.io.IOException;

/** A request body did not arrive within its {@link BodyDeadline}; answered 408 by {@link RequestBodyTimeLimit}. */
final class BodyTooSlow extends IOException {
    BodyTooSlow() {
        super("the request body did not arrive in time", null);
    }
}

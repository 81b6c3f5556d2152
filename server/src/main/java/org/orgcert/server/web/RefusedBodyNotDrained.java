package org.orgcert.server.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After {@link RequestBodyTimeLimit} refused a request whose body had not all arrived (408 too slow, 503 readers
 * busy, 413 too large), Tomcat would by default read and drop the rest of the body before closing the connection
 * ("swallowing", up to {@code max-swallow-size}) on the worker thread, without any deadline: a trickling client
 * refused at once would still hold a thread for as long as it trickles. This valve tells Tomcat not to: the answer
 * is sent and the connection closed at once. (The filter marks such requests with {@link #ATTRIBUTE}.)
 */
final class RefusedBodyNotDrained extends ValveBase {
    static final String ATTRIBUTE = RefusedBodyNotDrained.class.getName();

    RefusedBodyNotDrained() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            if (request.getAttribute(ATTRIBUTE) != null) {
                // Sets the connection to close cleanly after the answer, with no draining of the body.
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}

package org.orgcert.server.portal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The staff sign-in page, in the portal's frame and language, replacing Spring Security's generated one:
 * the form posts user name, password and CSRF token to {@code /staff/login}, which Spring Security handles.
 */
@Controller
class StaffLoginPage {

    @GetMapping("/staff/login")
    String login() {
        return "portal/staff/login";
    }
}

package org.orgcert.server.signin;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The assistant's report that the key was removed ({@code POST /api/v1/signin/key-removed}, docs/signin.md). No
 * session and no CSRF token: the presence secret is the proof, known only to the assistant that had the key sign
 * its hash.
 */
@RestController
class KeyRemovalController {
    private final SignInEndings endings;

    KeyRemovalController(SignInEndings endings) {
        this.endings = endings;
    }

    /** What the assistant sends: the presence secret, base64url without padding. */
    record KeyRemoved(String presence) {
        @Override
        public String toString() {
            return "KeyRemoved[presence hidden]";
        }
    }

    @PostMapping(path = "/api/v1/signin/key-removed", consumes = "application/json")
    ResponseEntity<Void> keyRemoved(@RequestBody KeyRemoved body) {
        endings.keyRemoved(body.presence());
        return ResponseEntity.noContent().build();
    }
}

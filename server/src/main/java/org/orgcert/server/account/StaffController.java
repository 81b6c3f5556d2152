package org.orgcert.server.account;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.StaffRole;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/staff}: a bureau administrator lists, creates and disables staff accounts and sets new
 * passwords (the role is checked by {@link SecurityConfiguration}). Passwords go in, never out.
 */
@RestController
@RequestMapping("/api/v1/staff")
class StaffController {
    private final StaffAccounts accounts;

    StaffController(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    /** A new account; {@code password} 12 to 128 characters, {@code windowId} for a window clerk only. */
    record CreateRequest(String username, StaffRole role, String windowId, String password) {
        @Override
        public String toString() {
            return "CreateRequest[" + username + ", " + role + ", " + windowId + "]";
        }
    }

    record PasswordRequest(String password) {
        @Override
        public String toString() {
            return "PasswordRequest[hidden]";
        }
    }

    /** An account as the API shows it: never a password or hash. */
    record StaffView(String username, StaffRole role, String windowId, boolean enabled, Instant lockedUntil,
            Instant createdAt) {
        static StaffView of(StaffAccount a) {
            return new StaffView(a.username(), a.role(), a.windowId(), a.enabled(), a.lockedUntil(), a.createdAt());
        }
    }

    @GetMapping
    List<StaffView> all() {
        return accounts.all().stream().map(StaffView::of).toList();
    }

    @PostMapping
    ResponseEntity<StaffView> create(@RequestBody CreateRequest request, Actor.Staff actor) {
        StaffAccount created = accounts.create(request.username(), request.role(), request.windowId(),
                chars(request.password()), actor.auditName());
        return ResponseEntity.created(URI.create("/api/v1/staff/" + created.username())).body(StaffView.of(created));
    }

    @PostMapping("/{username}/disable")
    StaffView disable(@PathVariable("username") String username, Actor.Staff actor) {
        return StaffView.of(accounts.disable(username, actor.auditName(), actor.username()));
    }

    @PostMapping("/{username}/password")
    StaffView resetPassword(@PathVariable("username") String username, @RequestBody PasswordRequest request,
            Actor.Staff actor) {
        return StaffView.of(accounts.resetPassword(username, chars(request.password()), actor.auditName()));
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }
}

package org.orgcert.key.signin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last {@value #MAX} sign-ins the employer approved, newest first, in memory only (for the assistant's page). */
final class ApprovedSignIns {
    static final int MAX = 50;
    private final Deque<ApprovedSignIn> approved = new ArrayDeque<>();

    synchronized void add(ApprovedSignIn signIn) {
        approved.addFirst(signIn);
        while (approved.size() > MAX) {
            approved.removeLast();
        }
    }

    synchronized List<ApprovedSignIn> newestFirst() {
        return List.copyOf(new ArrayList<>(approved));
    }
}

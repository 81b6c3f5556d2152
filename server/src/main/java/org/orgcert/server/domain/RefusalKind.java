package org.orgcert.server.domain;

/**
 * What kind of "no" a refusal is, independent of any protocol: the web edge answers each with its HTTP
 * status, a page with its error page, a job by leaving the thing as it was.
 */
public enum RefusalKind {
    /** The input is not acceptable as given (a wrong check digit, a missing field). */
    INVALID,
    /** Nobody is signed in, or the sign-in failed. */
    UNAUTHENTICATED,
    /** The actor may not do this (another window's clerk, a role whose step it is not). */
    FORBIDDEN,
    /** No such thing, or none this actor may know of. */
    NOT_FOUND,
    /** The thing is not in a state that allows this now (a step out of order, a concurrent change). */
    CONFLICT,
    /** The content is larger than allowed. */
    TOO_LARGE,
    /** The content is not of an accepted type. */
    UNSUPPORTED_TYPE,
    /** Too many requests of this kind for now. */
    TOO_MANY,
    /**
     * The service cannot do this now: every slot busy (the same request may succeed later), or not as it is set
     * up (an operator must change its configuration first).
     */
    UNAVAILABLE,
    /** The service failed to do what was asked (a fault of its own, not of the request); nothing was done. */
    FAILED
}

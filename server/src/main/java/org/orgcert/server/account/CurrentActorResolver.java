package org.orgcert.server.account;

import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.Actor;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller method's {@link Actor} parameter (or {@link Actor.Staff}, {@link Actor.EmployerAgent})
 * the signed-in caller. Nobody signed in: 401 {@code unauthenticated}; an employer agent where a staff
 * member is declared (or the reverse): 403 {@code staff-only} / {@code employer-agent-only}.
 */
final class CurrentActorResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Actor.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Actor actor = current();
        Class<?> wanted = parameter.getParameterType();
        if (!wanted.isInstance(actor)) {
            throw wanted == Actor.Staff.class
                    ? AccountRefusal.STAFF_ONLY.refuse("only staff may do this")
                    : AccountRefusal.EMPLOYER_AGENT_ONLY.refuse("only an employer's agent may do this");
        }
        return actor;
    }

    /** The signed-in actor; 401 when there is none. */
    static Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
            return actor;
        }
        throw AccountRefusal.UNAUTHENTICATED.refuse("sign in first");
    }
}

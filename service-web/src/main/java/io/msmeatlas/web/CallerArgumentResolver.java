package io.msmeatlas.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives a controller method its {@link Caller}; a request without the gateway's identity is a 401. */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String userId = request.getHeader(Caller.USER_HEADER);
        if (userId == null || userId.isBlank()) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "Authentication required",
                    "Sign in and send the access token.");
        }
        return Caller.fromHeaders(userId, request.getHeader(Caller.ROLES_HEADER));
    }
}

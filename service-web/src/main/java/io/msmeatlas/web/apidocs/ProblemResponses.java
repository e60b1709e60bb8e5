package io.msmeatlas.web.apidocs;

import io.msmeatlas.web.Caller;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;

/**
 * Adds to every operation the RFC 9457 problems it can answer, as every request reaches it: through
 * the gateway (rate limit, body size limit, access token) to a service (validation, ownership,
 * concurrency). What applies is read from the handler method: a {@link Caller} or the gateway's identity
 * headers mean a token is needed (401, 403); a path variable means 404; a body means 400, 413 and 422;
 * an {@code If-Match} header means a versioned resource, which may have moved on (412) or be in a state
 * that refuses the change, or be changed by a concurrent writer without If-Match (409). Every
 * request may be rate limited (429) or meet an unavailable dependency (503). Responses an endpoint
 * declares itself ({@code @ApiResponse}) are kept, and every error response is given the problem schema.
 */
class ProblemResponses implements OperationCustomizer {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String PROBLEM_SCHEMA = "ProblemDetail";
    static final String BEARER = "bearerAuth";
    /** Set by the gateway from the verified token and stripped from client requests: never a client's parameter. */
    static final Set<String> GATEWAY_HEADERS = Set.of(Caller.USER_HEADER.toLowerCase(Locale.ROOT),
            Caller.ROLES_HEADER.toLowerCase(Locale.ROOT), "x-projections-partitions");

    private static final Map<Integer, String> DESCRIPTIONS = Map.of(
            400, "Malformed request: a body that is not JSON or has an unknown field, or a malformed parameter "
                    + "or header.",
            401, "No valid access token (send `Authorization: Bearer <token>` from `POST /api/auth/login`).",
            403, "Where the endpoint restricts it: the caller lacks the role, or the resource is someone else's.",
            404, "No such resource, or none the caller may see.",
            409, "The resource's state does not allow this (`currentStatus`), or a concurrent change won.",
            412, "`If-Match` names another version than the current one (`currentVersion`); nothing was changed.",
            413, "The request body is larger than the gateway accepts (1 MB by default).",
            422, "Invalid fields: `errors` lists each one as `{field, message}`, the field by its JSON path.",
            429, "Too many requests from this client; retry after `Retry-After` seconds.",
            503, "A dependency is unavailable or the service is starting; nothing was changed, retry after "
                    + "`Retry-After` seconds.");

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        boolean identified = needsIdentity(handlerMethod);
        if (operation.getParameters() != null) {
            operation.getParameters().removeIf(p -> "header".equals(p.getIn())
                    && GATEWAY_HEADERS.contains(p.getName().toLowerCase(Locale.ROOT)));
            if (operation.getParameters().isEmpty()) {
                operation.setParameters(null);
            }
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        boolean pathVariable = parameters.stream().anyMatch(p -> "path".equals(p.getIn()));
        boolean ifMatch = parameters.stream().anyMatch(header(HttpHeaders.IF_MATCH));

        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponses responses = operation.getResponses();
        addIf(responses, 400, body || !parameters.isEmpty());
        addIf(responses, 401, identified);
        addIf(responses, 403, identified);
        addIf(responses, 404, pathVariable);
        addIf(responses, 409, ifMatch);
        addIf(responses, 412, ifMatch);
        addIf(responses, 413, body);
        addIf(responses, 422, body);
        addIf(responses, 429, true);
        addIf(responses, 503, true);
        responses.forEach((code, response) -> {
            if (isError(code)) {
                asProblem(response, code);
            }
        });
        if (identified && operation.getSecurity() == null) {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
        }
        return operation;
    }

    private static boolean needsIdentity(HandlerMethod handlerMethod) {
        return Arrays.stream(handlerMethod.getMethodParameters()).anyMatch(parameter -> {
            if (Caller.class.equals(parameter.getParameterType())) {
                return true;
            }
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            String name = header == null ? "" : header.name().isEmpty() ? header.value() : header.name();
            return GATEWAY_HEADERS.contains(name.toLowerCase(Locale.ROOT));
        });
    }

    private static Predicate<Parameter> header(String name) {
        return p -> "header".equals(p.getIn()) && name.equalsIgnoreCase(p.getName());
    }

    private static void addIf(ApiResponses responses, int status, boolean applies) {
        String code = Integer.toString(status);
        if (applies && !responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(DESCRIPTIONS.get(status)));
        }
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    /** Every error this platform answers is a problem document; a declared response keeps its description. */
    private static void asProblem(ApiResponse response, String code) {
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(DESCRIPTIONS.getOrDefault(Integer.parseInt(code),
                    "An error, as a problem document."));
        }
        response.setContent(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
        if (code.equals("429") || code.equals("503")) {
            response.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                    .description("Seconds to wait before retrying.")
                    .schema(new IntegerSchema()));
        }
    }
}

package io.msmeatlas.web.apidocs;

import io.msmeatlas.web.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;

/**
 * OpenAPI 3 at {@code /v3/api-docs} for every servlet service, described as clients reach it: through
 * the gateway, with a bearer token where the gateway asks for one, and with each endpoint's problem
 * responses ({@link ProblemResponses}). The gateway serves the Swagger UI over all services' documents.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OperationCustomizer.class)
@PropertySource("classpath:io/msmeatlas/web/apidocs/springdoc.properties")
public class ApiDocsAutoConfiguration {

    static {
        // The gateway's verified identity, resolved from its headers: not a client parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class)
                // Money is a decimal string on the wire, never a binary floating-point number.
                .replaceWithSchema(BigDecimal.class, new StringSchema().format("decimal").example("65000000.00")
                        .description("A decimal, written as a string; a JSON number is read exactly too"));
    }

    /**
     * Relative server URL: the document is read through the gateway ({@code /v3/api-docs/<service>}),
     * and every path in it is the gateway's path too, so "try it out" goes to the gateway.
     */
    @Bean
    @ConditionalOnMissingBean
    OpenAPI serviceOpenApi(Environment environment) {
        String service = environment.getProperty("spring.application.name", "service");
        return new OpenAPI()
                .info(new Info().title("MSMEAtlas " + service + " API").version("1")
                        .description("Reached through the gateway. Errors are RFC 9457 problem documents "
                                + "(`application/problem+json`)."))
                .servers(List.of(new Server().url("/").description("the gateway")));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    OpenApiCustomizer problemSchemaAndBearerToken() {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components
                    .addSchemas(ProblemResponses.PROBLEM_SCHEMA, problemSchema())
                    .addSecuritySchemes(ProblemResponses.BEARER, new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                            .description("An access token from `POST /api/auth/login`; the gateway verifies it "
                                    + "and tells the service who is calling.")));
        };
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema()
                        .description("JSON path of the field, e.g. `financials[1].revenue`"))
                .addProperty("message", new StringSchema())
                .required(List.of("field", "message"));
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details. Further members may appear (`additionalProperties`).")
                .addProperty("type", new StringSchema().format("uri-reference")._default("about:blank"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema().description("The HTTP status code"))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", new ArraySchema().items(fieldError)
                        .description("400 and 422: each offending field"))
                .addProperty("requestId", new StringSchema().description("500: the id to quote to support"))
                .required(List.of("status"));
        problem.setAdditionalProperties(true);
        return problem;
    }
}

package io.msmeatlas.web.apidocs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Serves {@code /v3/api-docs} in a {@code @WebMvcTest} slice, as the service does: springdoc and this
 * module's problem responses (the classes are listed in
 * {@code META-INF/spring/io.msmeatlas.web.apidocs.AutoConfigureApiDocs.imports}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureApiDocs {
}

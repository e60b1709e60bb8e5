package io.msmeatlas.web.apidocs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The check services run on their documents refuses what OpenAPI 3.1 does not allow. */
class ApiDocsTest {

    private static final String DOCUMENT = """
            {"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{
             "description":"OK","headers":{"ETag":%s}}}}}}}""";

    @Test
    void a_valid_document_passes() {
        assertThatCode(() -> ApiDocs.parse(DOCUMENT.formatted("{\"schema\":{\"type\":\"string\"}}")))
                .doesNotThrowAnyException();
    }

    @Test
    void a_response_header_without_a_schema_is_refused() {
        assertThatThrownBy(() -> ApiDocs.parse(DOCUMENT.formatted("{\"description\":\"version\"}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("OpenAPI 3.1 schema");
    }

    @Test
    void an_openapi_3_0_document_is_refused() {
        assertThatThrownBy(() -> ApiDocs.parse(DOCUMENT.replace("3.1.0", "3.0.1").formatted("{}")))
                .isInstanceOf(AssertionError.class);
    }
}

package io.msmeatlas.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Guards published contracts: a stored payload of every published version must still validate
 * against its own schema file and still read as the current Java type. A change that breaks this
 * needs a new schema version and an upcaster.
 */
class SchemaCompatibilityTest {

    private final EventSchemaValidator validator = new EventSchemaValidator();

    @Test
    void stored_payloads_of_published_versions_still_read_and_validate() throws IOException {
        for (EventContract contract : EventContracts.all()) {
            for (int version = 1; version <= contract.version(); version++) {
                String fixture = "fixtures/" + contract.context() + "/" + contract.name() + ".v" + version + ".json";
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(fixture)) {
                    assertThat(in).as("fixture " + fixture + " (add one when you publish a version)").isNotNull();
                    byte[] json = in.readAllBytes();
                    EventContract published = new EventContract(contract.context(), contract.javaType(), version);
                    assertThat(validator.violations(published, json)).as(fixture).isEmpty();
                    assertThat(EventJson.read(json, contract.ceType())).isInstanceOf(contract.javaType());
                }
            }
        }
    }
}

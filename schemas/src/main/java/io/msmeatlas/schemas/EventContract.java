package io.msmeatlas.schemas;

/**
 * One event type at one schema version, as subscribers see it: its CloudEvents {@code type},
 * its {@code dataschema} and the JSON Schema file that describes its payload.
 */
public record EventContract(String context, Class<?> javaType, int version) {

    public String name() {
        return javaType.getSimpleName();
    }

    /** CloudEvents {@code type}, reverse-DNS and stable across schema versions. */
    public String ceType() {
        return "io.msmeatlas." + context + "." + name();
    }

    /** CloudEvents {@code dataschema}: names the schema file {@link #schemaResource()}. */
    public String dataSchema() {
        return "urn:msmeatlas:schema:" + context + ":" + name() + ":v" + version;
    }

    /** Classpath location of the JSON Schema in the schemas jar. */
    public String schemaResource() {
        return "schemas/" + context + "/" + name() + ".v" + version + ".json";
    }
}

package io.msmeatlas.projections.match;

import io.msmeatlas.schemas.EventJson;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A view as JSON in its store and changelog, in the events' dialect (money as decimal strings). */
final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;

    JsonSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, view) -> view == null ? null : EventJson.mapper().writeValueAsBytes(view);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, json) -> json == null ? null : EventJson.read(json, type);
    }
}

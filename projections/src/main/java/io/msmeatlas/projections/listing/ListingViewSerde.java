package io.msmeatlas.projections.listing;

import io.msmeatlas.schemas.EventJson;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON in the store and its changelog, in the events' JSON dialect (money as decimal strings). */
class ListingViewSerde implements Serde<ListingView> {

    @Override
    public Serializer<ListingView> serializer() {
        return (topic, view) -> view == null ? null : EventJson.mapper().writeValueAsBytes(view);
    }

    @Override
    public Deserializer<ListingView> deserializer() {
        return (topic, json) -> json == null ? null : EventJson.read(json, ListingView.class);
    }
}

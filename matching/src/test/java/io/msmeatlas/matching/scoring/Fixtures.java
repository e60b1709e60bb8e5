package io.msmeatlas.matching.scoring;

import io.msmeatlas.matching.reference.Nic2008;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The hand-worked matching fixture ({@code fixtures/matching-fixture.json}). */
public final class Fixtures {

    public final JsonNode root;
    public final Map<String, ListingFacts> listings = new LinkedHashMap<>();
    public final Map<String, BuyerCriteria> profiles = new LinkedHashMap<>();
    public final Map<String, String> buyers = new LinkedHashMap<>();

    private Fixtures(JsonNode root) {
        this.root = root;
        for (JsonNode listing : root.get("listings")) {
            listings.put(listing.get("id").asString(), listing(listing));
        }
        for (JsonNode profile : root.get("profiles")) {
            profiles.put(profile.get("id").asString(), EventJson.mapper().treeToValue(profile.get("criteria"),
                    BuyerCriteria.class));
            buyers.put(profile.get("id").asString(), profile.get("buyerId").asString());
        }
    }

    public static Fixtures load() {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("fixtures/matching-fixture.json")) {
            return new Fixtures(EventJson.mapper().readTree(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ListingFacts listing(JsonNode json) {
        Nic2008.Code code = Nic2008.code(json.get("sectorCode").asString()).orElseThrow();
        return new ListingFacts(json.get("id").asString(), json.get("sellerId").asString(),
                json.get("title").asString(), code.code(), code.name(), code.section(), code.sectionName(),
                json.get("state").asString(), json.get("city").asString(), money(json, "askingPrice"),
                money(json, "revenue"), money(json, "ebitda"), Category.valueOf(json.get("classification").asString()),
                DealType.valueOf(json.get("dealType").asString()));
    }

    private static BigDecimal money(JsonNode json, String field) {
        return new BigDecimal(json.get(field).asString());
    }
}

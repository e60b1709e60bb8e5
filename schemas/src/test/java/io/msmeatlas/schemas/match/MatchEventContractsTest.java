package io.msmeatlas.schemas.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.EventSchemaValidator;
import io.msmeatlas.schemas.buyer.BuyerContact;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.buyer.BuyerProfileCreated;
import io.msmeatlas.schemas.buyer.BuyerProfileEvent;
import io.msmeatlas.schemas.buyer.BuyerProfilePaused;
import io.msmeatlas.schemas.buyer.BuyerProfileResumed;
import io.msmeatlas.schemas.buyer.BuyerProfileUpdated;
import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MatchEventContractsTest {

    private static final String PROFILE = "4f7e2c1a-9b3d-4e5f-8a6b-7c8d9e0f1a2b";
    private static final String MATCH = "0b1c2d3e-4f50-3617-8a9b-0c1d2e3f4a5b";
    private static final String LISTING = "7d4c8b1e-2f5a-4c3e-9b1d-0a6e5f4d3c2b";
    private static final BuyerCriteria CRITERIA = new BuyerCriteria(List.of("25", "C"), List.of("Maharashtra"),
            List.of("Pune"), new BigDecimal("20000000"), new BigDecimal("80000000.00"), null, new BigDecimal("150000000"),
            new BigDecimal("-500000"), null, List.of(Category.SMALL), List.of(DealType.FULL_SALE), BuyerType.STRATEGIC);
    private static final BuyerCriteria ANYTHING_UNDER_A_CRORE = new BuyerCriteria(null, null, null, null,
            new BigDecimal("10000000"), null, null, null, null, null, null, null);
    private static final BuyerContact CONTACT = new BuyerContact("Ravi Menon", "ravi@example.in", null);
    private static final ListingSummary SUMMARY = new ListingSummary("Precision CNC job shop in Pune", "25",
            "Manufacture of fabricated metal products, except machinery and equipment", "C", "Maharashtra", "Pune",
            new BigDecimal("65000000.00"), new BigDecimal("84000000.00"), new BigDecimal("-1250000.50"),
            Category.SMALL, DealType.FULL_SALE);
    private static final List<MatchFactor> FACTORS = List.of(
            new MatchFactor("industry", new BigDecimal("0.250"), new BigDecimal("0.250"), "sector match"),
            new MatchFactor("budget", new BigDecimal("0.200"), new BigDecimal("0.100"), "slightly above budget"));

    static final List<BuyerProfileEvent> PROFILE_SAMPLES = List.of(
            new BuyerProfileCreated(PROFILE, "buyer-1", "West India auto parts", CRITERIA, CONTACT),
            new BuyerProfileCreated(PROFILE, "buyer-1", "Anything small", ANYTHING_UNDER_A_CRORE, CONTACT),
            new BuyerProfileUpdated(PROFILE, "West India auto parts", CRITERIA, CONTACT, List.of("criteria", "name")),
            new BuyerProfilePaused(PROFILE),
            new BuyerProfileResumed(PROFILE));

    static final List<MatchEvent> MATCH_SAMPLES = List.of(
            new MatchProposed(MATCH, PROFILE, "buyer-1", BuyerType.STRATEGIC, LISTING, "seller-1",
                    new BigDecimal("0.350"), List.of("sector match", "slightly above budget"), FACTORS, SUMMARY),
            new MatchProposed(MATCH, PROFILE, "buyer-1", null, LISTING, "seller-1", new BigDecimal("1.000"), List.of(),
                    List.of(), new ListingSummary("Bakery", null, "Bakery", null, "Kerala", "Kochi",
                            new BigDecimal("1500000"), null, null, null, null)),
            new MatchRescored(MATCH, new BigDecimal("0.612"), List.of("within budget"), FACTORS, SUMMARY),
            new MatchRetracted(MATCH, MatchRetracted.Reason.NO_LONGER_MATCHES),
            new InterestExpressed(MATCH, "buyer-1", LISTING, "seller-1", "Keen to talk"),
            new InterestExpressed(MATCH, "buyer-1", LISTING, "seller-1", null),
            new InterestAccepted(MATCH, "buyer-1", LISTING, "seller-1"),
            new InterestDeclined(MATCH, "buyer-1", LISTING, "seller-1", null),
            new ContactsRevealed(MATCH, "buyer-1", LISTING, "seller-1", "Shree Precision Components Pvt Ltd",
                    new PartyContact("Anil Kulkarni", "anil@example.in", "+91 98000 00001"),
                    new PartyContact("Ravi Menon", "ravi@example.in", null)),
            new ContactsRevealed(MATCH, "buyer-1", LISTING, "seller-1", null, null,
                    new PartyContact("Ravi Menon", "ravi@example.in", null)));

    private final EventSchemaValidator validator = new EventSchemaValidator();

    @Test
    void buyer_and_match_events_have_their_own_contexts_and_schema_files() {
        for (Class<?> type : permitted()) {
            EventContract contract = EventContracts.of(type);
            String context = BuyerProfileEvent.class.isAssignableFrom(type) ? "buyer" : "match";
            assertThat(contract.ceType()).isEqualTo("io.msmeatlas." + context + "." + type.getSimpleName());
            assertThat(getClass().getClassLoader().getResource(contract.schemaResource()))
                    .as(contract.schemaResource()).isNotNull();
        }
    }

    @Test
    void every_sample_validates_against_its_schema_and_round_trips() {
        List<Object> samples = new ArrayList<>(PROFILE_SAMPLES);
        samples.addAll(MATCH_SAMPLES);
        for (Class<?> type : permitted()) {
            assertThat(samples).as("a sample of " + type.getSimpleName()).anyMatch(type::isInstance);
        }
        for (Object event : samples) {
            EventContract contract = EventContracts.of(event.getClass());
            byte[] json = EventJson.write(event);
            assertThat(validator.violations(contract, json)).as(event.toString()).isEmpty();
            assertThat(EventJson.read(json, contract.ceType())).isEqualTo(event);
        }
    }

    @Test
    void scores_and_money_are_exact_decimal_strings() {
        String json = new String(EventJson.write(MATCH_SAMPLES.get(0)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"score\":\"0.350\"").contains("\"askingPrice\":\"65000000.00\"")
                .contains("\"ebitda\":\"-1250000.50\"");
    }

    @Test
    void a_score_above_one_or_a_factor_the_model_does_not_have_breaks_the_contract() {
        EventContract contract = EventContracts.of(MatchRescored.class);
        String json = """
                {"matchId":"m-1","score":"1.200","reasons":[],"listing":{"title":"t","state":"Kerala","city":"Kochi",
                 "askingPrice":"1"},"factors":[{"name":"astrology","weight":"0.1","points":"0.1","reason":"stars"}]}""";
        assertThat(String.join("\n", validator.violations(contract, json.getBytes(StandardCharsets.UTF_8))))
                .contains("score").contains("name");
    }

    @Test
    void a_teaser_with_the_listings_confidential_fields_breaks_the_contract() {
        EventContract contract = EventContracts.of(MatchRescored.class);
        String json = """
                {"matchId":"m-1","score":"0.7","reasons":[],"factors":[],"listing":{"title":"t","state":"Kerala",
                 "city":"Kochi","askingPrice":"1","legalName":"Secret Pvt Ltd"}}""";
        assertThat(String.join("\n", validator.violations(contract, json.getBytes(StandardCharsets.UTF_8))))
                .contains("legalName");
    }

    private static List<Class<?>> permitted() {
        return Stream.concat(Arrays.stream(BuyerProfileEvent.class.getPermittedSubclasses()),
                Arrays.stream(MatchEvent.class.getPermittedSubclasses())).toList();
    }
}

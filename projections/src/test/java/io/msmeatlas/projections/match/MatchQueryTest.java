package io.msmeatlas.projections.match;

import static io.msmeatlas.projections.match.MatchEvents.accepted;
import static io.msmeatlas.projections.match.MatchEvents.interest;
import static io.msmeatlas.projections.match.MatchEvents.proposed;
import static io.msmeatlas.projections.match.MatchEvents.revealed;
import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.web.Caller;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The list queries over the projection's own stores: order, pages, and what each party sees. */
class MatchQueryTest {

    @TempDir
    Path stateDir;

    private MatchDriver projection;
    private MatchQuery query;

    @BeforeEach
    void matches() {
        projection = new MatchDriver(stateDir);
        query = new MatchQuery(projection.stores());
        String[] scores = {"0.650", "0.910", "0.700", "0.910", "0.800"};
        for (int i = 0; i < scores.length; i++) {
            projection.given(proposed("m-" + i, "buyer-1", "lst-" + i, "seller-" + (i % 2), scores[i]), 0);
        }
        projection.given(proposed("m-other", "buyer-2", "lst-0", "seller-0", "0.990"), 0);
    }

    @AfterEach
    void stop() {
        projection.close();
    }

    private IndexPage page(String prefix, Optional<String> after, int limit, MatchAccess access) {
        return query.page(prefix, after, limit, Set.of(0), (partition, id) ->
                Optional.ofNullable(projection.stores().match(partition, id)).filter(access::canOpen)
                        .map(view -> EventJson.mapper().valueToTree(access.represent(view))));
    }

    private static List<String> ids(IndexPage.Response response) {
        return response.items().stream().map(item -> item.get("matchId").asString()).toList();
    }

    @Test
    void a_buyers_matches_come_best_first_in_pages_that_continue_where_the_last_ended() {
        MatchAccess buyer = new MatchAccess(new Caller("buyer-1", Set.of("BUYER")));

        IndexPage.Response first = page(MatchIndex.buyerPrefix("buyer-1"), Optional.empty(), 2, buyer).response(2);
        assertThat(ids(first)).containsExactly("m-1", "m-3");
        assertThat(first.nextCursor()).isNotNull();

        Optional<String> after = IndexPage.decode(first.nextCursor(), MatchIndex.buyerPrefix("buyer-1"));
        IndexPage.Response second = page(MatchIndex.buyerPrefix("buyer-1"), after, 2, buyer).response(2);
        assertThat(ids(second)).containsExactly("m-4", "m-2");

        after = IndexPage.decode(second.nextCursor(), MatchIndex.buyerPrefix("buyer-1"));
        IndexPage.Response last = page(MatchIndex.buyerPrefix("buyer-1"), after, 2, buyer).response(2);
        assertThat(ids(last)).containsExactly("m-0");
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void a_buyer_sees_neither_the_seller_nor_the_confidential_fields_until_the_seller_accepts() {
        var match = proposed("m-1", "buyer-1", "lst-1", "seller-1", "0.910");
        MatchAccess buyer = new MatchAccess(new Caller("buyer-1", Set.of("BUYER")));

        JsonNode before = page(MatchIndex.buyerPrefix("buyer-1"), Optional.empty(), 1, buyer).response(1).items().get(0);
        assertThat(before.has("sellerId")).isFalse();
        assertThat(before.has("revealed")).isFalse();
        assertThat(before.get("score").asString()).isEqualTo("0.910");

        projection.given(interest(match), 1).given(accepted(match), 2).given(revealed(match), 3);
        JsonNode after = page(MatchIndex.buyerPrefix("buyer-1"), Optional.empty(), 1, buyer).response(1).items().get(0);
        assertThat(after.get("sellerId").asString()).isEqualTo("seller-1");
        assertThat(after.get("revealed").get("legalName").asString()).isEqualTo("Shree Precision Components Pvt Ltd");
        assertThat(after.get("revealed").get("sellerContact").get("email").asString()).isEqualTo("anil@example.in");
        assertThat(after.get("revealed").has("buyerContact")).isFalse();
    }

    @Test
    void a_seller_sees_the_buyers_contact_only_after_accepting_and_never_another_sellers_matches() {
        var match = proposed("m-1", "buyer-1", "lst-1", "seller-1", "0.910");
        projection.given(interest(match), 1);
        MatchAccess seller = new MatchAccess(new Caller("seller-1", Set.of("SELLER")));

        JsonNode pending = page(MatchIndex.sellerPrefix("seller-1"), Optional.empty(), 10, seller).response(10)
                .items().get(0);
        assertThat(pending.get("interest").asString()).isEqualTo("EXPRESSED");
        assertThat(pending.has("buyerId")).isFalse();
        assertThat(pending.has("profileId")).isFalse();

        projection.given(accepted(match), 2).given(revealed(match), 3);
        JsonNode done = page(MatchIndex.sellerPrefix("seller-1"), Optional.empty(), 10, seller).response(10).items()
                .get(0);
        assertThat(done.get("buyerId").asString()).isEqualTo("buyer-1");
        assertThat(done.get("revealed").get("buyerContact").get("email").asString()).isEqualTo("ravi@example.in");
        assertThat(done.get("revealed").has("legalName")).isFalse();

        MatchAccess otherSeller = new MatchAccess(new Caller("seller-0", Set.of("SELLER")));
        assertThat(page(MatchIndex.listingPrefix("lst-1"), Optional.empty(), 10, otherSeller).entries()).isEmpty();
    }

    @Test
    void a_listings_matches_are_read_from_its_own_range_only() {
        MatchAccess admin = new MatchAccess(new Caller("admin-1", Set.of("ADMIN")));

        IndexPage.Response response = page(MatchIndex.listingPrefix("lst-0"), Optional.empty(), 10, admin)
                .response(10);

        assertThat(ids(response)).containsExactly("m-other", "m-0");
        assertThat(response.items().get(0).get("buyerId").asString()).isEqualTo("buyer-2");
    }

    @Test
    void pages_of_several_partitions_merge_in_index_order() {
        IndexPage a = new IndexPage(List.of(new IndexPage.Entry("b|x|0100|m-a", null),
                new IndexPage.Entry("b|x|0300|m-c", null)));
        IndexPage b = new IndexPage(List.of(new IndexPage.Entry("b|x|0200|m-b", null),
                new IndexPage.Entry("b|x|0400|m-d", null)));

        assertThat(IndexPage.merge(List.of(a, b), 2).entries()).extracting(IndexPage.Entry::key)
                .containsExactly("b|x|0100|m-a", "b|x|0200|m-b", "b|x|0300|m-c");
    }
}

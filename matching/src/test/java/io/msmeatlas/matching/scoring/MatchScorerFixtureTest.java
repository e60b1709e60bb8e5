package io.msmeatlas.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Matching correctness on the fixture set: the matches a person worked out by hand, and no others. */
class MatchScorerFixtureTest {

    private final Fixtures fixtures = Fixtures.load();
    private final MatchScorer scorer = new MatchScorer(new BigDecimal("0.60"));

    @Test
    void exactly_the_hand_worked_pairs_match_with_their_scores_and_reasons() {
        Map<String, MatchScorer.Score> found = new HashMap<>();
        fixtures.profiles.forEach((profile, criteria) -> fixtures.listings.forEach((listing, facts) ->
                scorer.score(criteria, facts).ifPresent(score -> found.put(profile + "/" + listing, score))));

        Map<String, JsonNode> expected = new HashMap<>();
        for (JsonNode match : fixtures.root.get("expected")) {
            expected.put(match.get("profile").asString() + "/" + match.get("listing").asString(), match);
        }
        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((pair, match) -> {
            MatchScorer.Score score = found.get(pair);
            assertThat(score.value()).as(pair).isEqualTo(new BigDecimal(match.get("score").asString()));
            assertThat(score.reasons()).as(pair)
                    .containsExactlyElementsOf(match.get("reasons").values().stream().map(JsonNode::asString).toList());
        });
    }

    @Test
    void a_pair_below_the_threshold_still_has_an_explained_score() {
        for (JsonNode pair : fixtures.root.get("notMatching")) {
            if (pair.has("score")) {
                MatchScorer.Score score = scorer.evaluate(fixtures.profiles.get(pair.get("profile").asString()),
                        fixtures.listings.get(pair.get("listing").asString())).orElseThrow();
                assertThat(score.value()).isEqualTo(new BigDecimal(pair.get("score").asString()));
                assertThat(score.reasons()).contains("within budget").doesNotContain("profitable: EBITDA margin -4%");
            }
        }
    }

    @Test
    void the_factors_points_add_up_to_the_score_and_their_weights_to_one() {
        MatchScorer.Score score = scorer.score(fixtures.profiles.get("P3"), fixtures.listings.get("L2")).orElseThrow();

        assertThat(score.factors()).extracting(f -> f.name())
                .containsExactly("industry", "budget", "size", "location", "profitability", "dealType", "strategicFit");
        assertThat(score.factors().stream().map(f -> f.points()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualTo(score.value());
        assertThat(score.factors().stream().map(f -> f.weight()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("1");
    }

    @Test
    void scoring_the_same_inputs_again_gives_the_same_result() {
        List<MatchScorer.Score> runs = List.of(
                scorer.score(fixtures.profiles.get("P1"), fixtures.listings.get("L1")).orElseThrow(),
                scorer.score(fixtures.profiles.get("P1"), fixtures.listings.get("L1")).orElseThrow());
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
    }

    @Test
    void a_higher_threshold_drops_the_weaker_matches_only() {
        MatchScorer strict = new MatchScorer(new BigDecimal("0.80"));

        assertThat(strict.score(fixtures.profiles.get("P1"), fixtures.listings.get("L1"))).isPresent();
        assertThat(strict.score(fixtures.profiles.get("P3"), fixtures.listings.get("L2"))).isPresent();
        assertThat(strict.score(fixtures.profiles.get("P2"), fixtures.listings.get("L2"))).isEmpty();
    }
}

package io.msmeatlas.projections.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msmeatlas.web.ConsistencyToken;
import io.msmeatlas.web.ProblemException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;

class ClusterRequestTest {

    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/msme/listings");

    @Test
    void a_request_from_a_client_names_no_partitions() {
        assertThat(ClusterRequest.partitions(request)).isEmpty();
    }

    @Test
    void a_forwarded_request_names_the_partitions_to_answer_from() {
        request.addHeader(ClusterRequest.PARTITIONS_HEADER, "5, 0,3");

        assertThat(ClusterRequest.partitions(request)).hasValueSatisfying(partitions ->
                assertThat(partitions).containsExactly(0, 3, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "1,,2", "-1", "0;1", "10000"})
    void a_malformed_partitions_header_is_a_bad_request(String header) {
        request.addHeader(ClusterRequest.PARTITIONS_HEADER, header);

        assertThatThrownBy(() -> ClusterRequest.partitions(request)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
    }

    @Test
    void partitions_are_written_in_order() {
        assertThat(ClusterRequest.formatPartitions(Set.of(5, 0, 3))).isEqualTo("0,3,5");
    }

    @Test
    void the_consistency_token_is_decoded_and_a_malformed_one_is_a_bad_request() {
        ConsistencyToken token = ConsistencyToken.of("lst-1", 2).at("msme.listing.events", 1, 40);
        request.addHeader(ConsistencyToken.HEADER, token.encode());
        MockHttpServletRequest malformed = new MockHttpServletRequest("GET", "/api/msme/listings/lst-1");
        malformed.addHeader(ConsistencyToken.HEADER, "not a token");

        assertThat(ClusterRequest.consistencyToken(request)).contains(token);
        assertThatThrownBy(() -> ClusterRequest.consistencyToken(malformed)).isInstanceOf(ProblemException.class);
    }

    @Test
    void only_a_stale_answer_is_marked() {
        HttpHeaders stale = new HttpHeaders();
        HttpHeaders satisfied = new HttpHeaders();

        ClusterRequest.markStale(stale, ReadYourWrites.Outcome.STALE);
        ClusterRequest.markStale(satisfied, ReadYourWrites.Outcome.SATISFIED);

        assertThat(stale.getFirst("X-Consistency")).isEqualTo("stale");
        assertThat(satisfied.containsHeader("X-Consistency")).isFalse();
    }

    @Test
    void the_bound_of_a_token_is_the_offset_of_its_event() {
        ConsistencyToken token = ConsistencyToken.of("lst-1", 2).at("msme.listing.events", 1, 40);

        assertThat(ReadYourWrites.boundOf(token)).hasValueSatisfying(bound -> {
            assertThat(bound.position().getTopics()).containsExactly("msme.listing.events");
            assertThat(bound.position().getPartitionPositions("msme.listing.events")).containsExactly(
                    Map.entry(1, 40L));
        });
        assertThat(ReadYourWrites.boundOf(ConsistencyToken.of("lst-1", 2))).isEmpty();
    }
}

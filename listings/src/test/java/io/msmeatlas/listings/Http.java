package io.msmeatlas.listings;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** A plain HTTP client as the gateway calls the service: identity headers set, every status returned. */
final class Http {

    private Http() {
    }

    static RestClient client(int port, String userId, String roles) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("X-User-Id", userId)
                .defaultHeader("X-User-Roles", roles)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    static ResponseEntity<String> post(RestClient client, String path, String body, Map<String, String> headers) {
        var request = client.post().uri(path).headers(h -> headers.forEach(h::add));
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(String.class);
    }
}

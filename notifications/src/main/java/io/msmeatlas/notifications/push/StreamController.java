package io.msmeatlas.notifications.push;

import io.msmeatlas.web.Caller;
import io.msmeatlas.web.ProblemException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live stream of the caller's notifications (Server-Sent Events), for the identity the gateway
 * took from the access token. Each event's id is the notification's number in the inbox; a client that
 * reconnects with {@code Last-Event-ID} gets everything it missed first.
 */
@RestController
class StreamController {

    private final SseHub hub;

    StreamController(SseHub hub) {
        this.hub = hub;
    }

    @GetMapping(path = "/api/notification/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ApiResponse(responseCode = "200", description = "Server-sent events, one per notification (`id` = its number "
            + "in the inbox, `data` = the notification as JSON); reconnect with `Last-Event-ID` to get what was missed",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    SseEmitter stream(Caller caller, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletResponse response) {
        Long after = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                after = -1L;
            }
            if (after < 0) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid Last-Event-ID",
                        "Last-Event-ID must be the id of an event this stream sent.");
            }
        }
        response.setHeader("Cache-Control", "no-cache");
        // Proxies such as nginx must pass events on at once, not buffer them.
        response.setHeader("X-Accel-Buffering", "no");
        return hub.connect(caller.userId(), after);
    }
}

package io.djinnbot.server.app.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything unexpected: 500 with an id that also appears in the log. The body carries no internal
 * detail; operators find the stack trace by the id.
 */
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOGGER = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
        LOGGER.error("request failed error_id={}", id, exception);
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("detail", "internal server error (error id " + id + ")")).build();
    }
}

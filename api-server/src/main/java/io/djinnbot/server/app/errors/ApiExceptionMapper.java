package io.djinnbot.server.app.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders {@link ApiException} as the contract's {@code {"detail": ..., "errors": [...]}}. */
@Provider
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException exception) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", exception.getMessage());
        if (!exception.problems().isEmpty()) {
            List<Map<String, String>> errors = exception.problems().stream()
                    .map(problem -> Map.of("path", problem.path(), "message", problem.message()))
                    .toList();
            body.put("errors", errors);
        }
        return Response.status(exception.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}

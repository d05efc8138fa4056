package io.djinnbot.server.app.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;

/** A request body that is not valid JSON: 400 with where the parser stopped. */
public final class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException exception) {
        String where = exception.getLocation() == null ? ""
                : " at line " + exception.getLocation().getLineNr()
                        + ", column " + exception.getLocation().getColumnNr();
        String detail = "malformed JSON in request body" + where + ": " + exception.getOriginalMessage();
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("detail", detail)).build();
    }
}

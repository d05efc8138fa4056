package io.djinnbot.server.app.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;
import java.util.Map;
import org.glassfish.jersey.server.ParamException;

/** Framework errors (unknown route, wrong method, unsupported media type) in the contract's shape. */
public final class WebExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
        if (exception instanceof ParamException param) {
            String detail = param.getParameterType().getSimpleName().replace("Param", "").toLowerCase(Locale.ROOT)
                    + " parameter '" + param.getParameterName() + "' has a value of the wrong type";
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("detail", detail)).build();
        }
        int status = exception.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 415 -> "Unsupported media type: send application/json";
            default -> exception.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase()
                    : exception.getMessage();
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("detail", detail)).build();
    }
}

package dev.imageservice.api.system;

import dev.imageservice.common.problem.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Completes the OpenAPI document with the problem responses every operation can give (the filters
 * answer them before a controller runs, so no annotation names them): 400 for a path the firewall
 * refuses or a bad parameter, 401, 406, 429, 500 and 503; 404 where the path names a job. Each
 * problem response is {@code application/problem+json} with the {@code Problem} schema. A status an
 * operation's annotations already describe keeps its description.
 */
@Component
class ProblemResponses implements OpenApiCustomizer {

  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String SCHEMA = "Problem";
  private static final List<ProblemType> EVERY_OPERATION =
      List.of(
          ProblemType.MALFORMED_REQUEST,
          ProblemType.UNAUTHORIZED,
          ProblemType.NOT_ACCEPTABLE,
          ProblemType.TOO_MANY_REQUESTS,
          ProblemType.INTERNAL_ERROR,
          ProblemType.SERVICE_UNAVAILABLE);

  @Override
  public void customise(OpenAPI openApi) {
    Components components = Objects.requireNonNullElseGet(openApi.getComponents(), Components::new);
    components.addSchemas(SCHEMA, problemSchema());
    openApi.setComponents(components);
    if (openApi.getPaths() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
      for (Operation operation : path.getValue().readOperations()) {
        ApiResponses responses =
            Objects.requireNonNullElseGet(operation.getResponses(), ApiResponses::new);
        List<ProblemType> types = new ArrayList<>(EVERY_OPERATION);
        if (path.getKey().contains("{jobId}")) {
          types.add(ProblemType.NOT_FOUND);
        }
        for (ProblemType type : types) {
          String status = Integer.toString(type.status());
          ApiResponse response = responses.get(status);
          if (response == null) {
            response = new ApiResponse().description(type.title());
            responses.addApiResponse(status, response);
          }
          response.setContent(problemContent());
        }
        // Statuses the annotations name (404, 409, 413, 415, 422 ...) are problems too.
        responses.forEach(
            (status, response) -> {
              if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(problemContent());
              }
            });
        operation.setResponses(responses);
      }
    }
  }

  private static Content problemContent() {
    return new Content()
        .addMediaType(
            PROBLEM_JSON,
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)));
  }

  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description("RFC 9457 problem details with a stable code (docs/api.md#errors)")
        .addProperty("type", new StringSchema().format("uri"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema())
        .addProperty("code", new StringSchema());
  }
}

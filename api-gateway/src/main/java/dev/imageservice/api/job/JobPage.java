package dev.imageservice.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a tenant's jobs, newest first; {@code nextCursor} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobPage(List<JobView> jobs, @Nullable String nextCursor) {}

package io.prazo.query.report;

import io.prazo.query.web.QueryParameters;
import io.prazo.query.web.Visibility;
import io.prazo.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/reports/sla-compliance}. */
@RestController
@Tag(name = "Reports")
public class ComplianceController {
  private final ComplianceReport report;

  public ComplianceController(ComplianceReport report) {
    this.report = report;
  }

  /**
   * The report: its period and grouping, a row per group, and the total over every group.
   *
   * @param from the period's start, inclusive
   * @param to its end, exclusive
   * @param groupBy priority, organization or policy
   * @param rows one per group, by key
   * @param total every group together (its key is null)
   */
  public record Report(
      Instant from,
      Instant to,
      String groupBy,
      List<ComplianceReport.Row> rows,
      ComplianceReport.Row total) {}

  @Operation(
      summary = "SLA compliance of the tickets resolved in a period",
      description =
          "from is inclusive, to exclusive (ISO-8601 instants); groupBy is priority, organization"
              + " or policy. A customer sees its own organization's tickets only.")
  @Parameters({
    @Parameter(
        name = "from",
        in = ParameterIn.QUERY,
        required = true,
        schema = @Schema(type = "string", format = "date-time")),
    @Parameter(
        name = "to",
        in = ParameterIn.QUERY,
        required = true,
        schema = @Schema(type = "string", format = "date-time")),
    @Parameter(
        name = "groupBy",
        in = ParameterIn.QUERY,
        required = true,
        schema = @Schema(allowableValues = {"priority", "organization", "policy"}))
  })
  @GetMapping("/api/reports/sla-compliance")
  public Report compliance(
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
      Caller caller) {
    Optional<String> scope = Visibility.scope(caller);
    QueryParameters q = new QueryParameters(parameters, "from", "to", "groupBy");
    Instant from = q.instant("from");
    Instant to = q.instant("to");
    ComplianceReport.GroupBy groupBy =
        q.choice("groupBy", ComplianceReport.GroupBy.values(), g -> g.wireName(), null);
    if (from == null) {
      q.invalid("from", "required: an ISO-8601 instant");
    }
    if (to == null) {
      q.invalid("to", "required: an ISO-8601 instant");
    } else if (from != null && !from.isBefore(to)) {
      q.invalid("to", "must be after from");
    }
    if (groupBy == null) {
      q.invalid("groupBy", "required: priority, organization or policy");
    }
    q.check();
    List<ComplianceReport.Row> rows = report.rows(from, to, groupBy, scope.orElse(null));
    ComplianceReport.Row total = rows.get(rows.size() - 1);
    return new Report(from, to, groupBy.wireName(), rows.subList(0, rows.size() - 1), total);
  }
}

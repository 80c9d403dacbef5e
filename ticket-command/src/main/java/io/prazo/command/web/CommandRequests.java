package io.prazo.command.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.prazo.events.Channel;
import io.prazo.events.ClosingCategory;
import io.prazo.events.EscalationReason;
import io.prazo.events.PauseReason;
import io.prazo.events.SlaMetric;
import io.prazo.events.SupportLevel;
import io.prazo.sla.Impact;
import io.prazo.sla.Severity;
import io.prazo.sla.Urgency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The bodies of the command endpoints (api.md, "Commands"). */
public final class CommandRequests {
  private CommandRequests() {}

  public record RequesterBody(
      @NotBlank @Size(max = 200) String id,
      @NotBlank @Size(max = 200) String name,
      @Email @Size(max = 320) String email) {}

  public record OpenTicket(
      @NotBlank @Size(max = 100) String organizationId,
      @NotNull @Valid RequesterBody requester,
      @NotBlank @Size(max = 300) String subject,
      @Size(max = 20_000) String description,
      @NotNull Channel channel,
      @Size(max = 200) String product,
      Severity severity,
      Impact impact,
      Urgency urgency,
      @Size(max = 50) String priority) {}

  public record Assignment(
      @NotBlank @Size(max = 200) String assignee, @NotNull SupportLevel level) {}

  public record Reply(
      @NotBlank @Size(max = 50_000) String body,
      @NotNull @JsonProperty("public") Boolean isPublic) {}

  public record Pause(@NotNull PauseReason reason) {}

  public record Resume() {}

  public record PriorityChange(
      @NotBlank @Size(max = 50) String priority,
      @NotBlank @Size(max = 2_000) String reason,
      @Size(max = 200) String agreedWith) {}

  public record Escalation(
      @NotNull EscalationReason reason, SlaMetric metric, @Size(max = 2_000) String note) {}

  public record Resolution(
      @NotNull ClosingCategory category, @NotBlank @Size(max = 20_000) String summary) {}

  public record Approval(@NotNull Boolean approved, @Size(max = 5_000) String comment) {}

  public record AutoClose(@NotBlank @Size(max = 300) String approvalRequestId) {}

  public record Survey(@NotNull @Min(1) @Max(5) Integer score, @Size(max = 5_000) String comment) {}

  public record Cancel(@Size(max = 2_000) String reason) {}
}

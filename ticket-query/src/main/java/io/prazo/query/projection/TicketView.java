package io.prazo.query.projection;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.prazo.events.ApprovalRequested;
import io.prazo.events.Channel;
import io.prazo.events.ClosedHow;
import io.prazo.events.ClosingCategory;
import io.prazo.events.FirstResponseRecorded;
import io.prazo.events.PauseReason;
import io.prazo.events.PriorityChanged;
import io.prazo.events.ReplyAdded;
import io.prazo.events.Requester;
import io.prazo.events.ResolutionApproved;
import io.prazo.events.ResolutionRejected;
import io.prazo.events.Role;
import io.prazo.events.SupportLevel;
import io.prazo.events.SurveyAnswered;
import io.prazo.events.SurveyRequested;
import io.prazo.events.TicketAssigned;
import io.prazo.events.TicketAutoClosed;
import io.prazo.events.TicketCancelled;
import io.prazo.events.TicketClosed;
import io.prazo.events.TicketEscalated;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketOpened;
import io.prazo.events.TicketPaused;
import io.prazo.events.TicketReopened;
import io.prazo.events.TicketResolved;
import io.prazo.events.TicketResumed;
import io.prazo.events.TicketStatus;
import io.prazo.sla.TicketSla;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A ticket as dashboards show it: a pure fold of its events, the same code for the live read model
 * and for the as-of view an auditor rebuilds from the event store. Immutable: {@link #apply}
 * returns a new view.
 *
 * <p>The SLA part is sla-core's own fold ({@link TicketSla}); the clocks are computed from it with
 * sla-core at the instant they are shown. The survey answer is part of the view; who may see it is
 * decided where the view is shown.
 */
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class TicketView implements Cloneable {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private String ticketId;
  private String number;
  private String organizationId;
  private Requester requester;
  private String subject;
  private String description;
  private Channel channel;
  private String product;
  private String severity;
  private String impact;
  private String urgency;
  private String priority;
  private boolean priorityDerived;
  private TicketStatus status;
  private PauseReason pauseReason;
  private String assignee;
  private SupportLevel level;
  private int escalationLevel;
  private int publicReplies;
  private int internalNotes;
  private Instant firstResponseAt;
  private ClosingCategory category;
  private String resolutionSummary;
  private String resolvedBy;
  private int resolutionCycles;
  private String approvalRequestId;
  private String cancelReason;
  private Instant createdAt;
  private Instant updatedAt;
  private Instant resolvedAt;
  private Instant closedAt;
  private ClosedHow closedHow;
  private Instant cancelledAt;
  private Instant surveyRequestedAt;
  private Integer surveyScore;
  private String surveyComment;
  private Instant surveyAnsweredAt;
  private long version;
  @JsonIgnore private TicketSla sla;

  private TicketView() {}

  /**
   * The view after a ticket's first event.
   *
   * @param opened the ticket's first event, sequence 0
   */
  public static TicketView opened(TicketOpened opened) {
    TicketView view = new TicketView();
    view.ticketId = opened.ticketId();
    view.number = opened.number();
    view.organizationId = opened.organizationId();
    view.requester = opened.requester();
    view.subject = opened.subject();
    view.description = opened.description();
    view.channel = opened.channel();
    view.product = opened.product();
    view.severity = opened.severity();
    view.impact = opened.impact();
    view.urgency = opened.urgency();
    view.priority = opened.priority();
    view.priorityDerived = opened.priorityDerived();
    view.status = TicketStatus.OPEN;
    view.level = opened.level();
    view.createdAt = opened.occurredAt();
    view.updatedAt = opened.occurredAt();
    view.version = 0;
    view.sla = TicketSla.opened(opened);
    return view;
  }

  /**
   * The view after one more event, the ticket's next in sequence.
   *
   * @param event the event, of this ticket
   * @return a new view whose version is one more
   */
  public TicketView apply(TicketEvent event) {
    TicketView next = copy();
    next.version = version + 1;
    // Never earlier than the event before: the instant the ticket's clocks were last evaluated.
    next.updatedAt = event.occurredAt().isBefore(updatedAt) ? updatedAt : event.occurredAt();
    next.sla = sla.apply(event);
    next.change(event);
    return next;
  }

  private void change(TicketEvent event) {
    if (event instanceof TicketAssigned e) {
      assignee = e.assignee();
      level = e.level();
      if (status == TicketStatus.OPEN) {
        status = TicketStatus.IN_PROGRESS;
      }
    } else if (event instanceof ReplyAdded e) {
      if (e.isPublic()) {
        publicReplies++;
      } else {
        internalNotes++;
      }
      if (e.authorRole() != Role.CUSTOMER && e.isPublic() && status == TicketStatus.OPEN) {
        status = TicketStatus.IN_PROGRESS;
      }
    } else if (event instanceof FirstResponseRecorded e) {
      firstResponseAt = e.occurredAt();
    } else if (event instanceof TicketPaused e) {
      status = TicketStatus.AWAITING;
      pauseReason = e.reason();
    } else if (event instanceof TicketResumed) {
      status = TicketStatus.IN_PROGRESS;
      pauseReason = null;
    } else if (event instanceof PriorityChanged e) {
      priority = e.to();
    } else if (event instanceof TicketEscalated e) {
      level = e.toLevel();
      escalationLevel = e.escalationLevel();
    } else if (event instanceof TicketResolved e) {
      status = TicketStatus.RESOLVED;
      pauseReason = null;
      category = e.category();
      resolutionSummary = e.summary();
      resolvedBy = e.resolvedBy();
      resolvedAt = e.occurredAt();
    } else if (event instanceof ApprovalRequested e) {
      resolutionCycles++;
      approvalRequestId = e.approvalRequestId();
    } else if (event instanceof ResolutionApproved
        || event instanceof ResolutionRejected
        || event instanceof TicketAutoClosed) {
      approvalRequestId = null;
    } else if (event instanceof TicketReopened) {
      status = TicketStatus.IN_PROGRESS;
      category = null;
      resolutionSummary = null;
      resolvedBy = null;
      resolvedAt = null;
      approvalRequestId = null;
    } else if (event instanceof TicketClosed e) {
      status = TicketStatus.CLOSED;
      closedAt = e.occurredAt();
      closedHow = e.how();
      approvalRequestId = null;
    } else if (event instanceof SurveyRequested e) {
      surveyRequestedAt = e.occurredAt();
    } else if (event instanceof SurveyAnswered e) {
      surveyScore = e.score();
      surveyComment = e.comment();
      surveyAnsweredAt = e.occurredAt();
    } else if (event instanceof TicketCancelled e) {
      status = TicketStatus.CANCELLED;
      pauseReason = null;
      cancelledAt = e.occurredAt();
      cancelReason = e.reason();
    }
    // TicketOpened starts a stream (see opened).
  }

  private TicketView copy() {
    try {
      return (TicketView) clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }

  /** The view's own fields as JSON, without the SLA state (see {@link #sla()}): deterministic. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a view stored by {@link #toJson()} with its SLA state.
   *
   * @param json the view's fields
   * @param sla the SLA state stored beside it
   */
  public static TicketView fromJson(String json, TicketSla sla) {
    try {
      TicketView view = JSON.readValue(json, TicketView.class);
      view.sla = sla;
      return view;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String ticketId() {
    return ticketId;
  }

  public String number() {
    return number;
  }

  public String organizationId() {
    return organizationId;
  }

  public Requester requester() {
    return requester;
  }

  public String subject() {
    return subject;
  }

  public String description() {
    return description;
  }

  public Channel channel() {
    return channel;
  }

  public String product() {
    return product;
  }

  public String severity() {
    return severity;
  }

  public String impact() {
    return impact;
  }

  public String urgency() {
    return urgency;
  }

  public String priority() {
    return priority;
  }

  public boolean priorityDerived() {
    return priorityDerived;
  }

  public TicketStatus status() {
    return status;
  }

  public PauseReason pauseReason() {
    return pauseReason;
  }

  public String assignee() {
    return assignee;
  }

  public SupportLevel level() {
    return level;
  }

  public int escalationLevel() {
    return escalationLevel;
  }

  public int publicReplies() {
    return publicReplies;
  }

  public int internalNotes() {
    return internalNotes;
  }

  public Instant firstResponseAt() {
    return firstResponseAt;
  }

  public ClosingCategory category() {
    return category;
  }

  public String resolutionSummary() {
    return resolutionSummary;
  }

  public String resolvedBy() {
    return resolvedBy;
  }

  public int resolutionCycles() {
    return resolutionCycles;
  }

  public String approvalRequestId() {
    return approvalRequestId;
  }

  public String cancelReason() {
    return cancelReason;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public Instant resolvedAt() {
    return resolvedAt;
  }

  public Instant closedAt() {
    return closedAt;
  }

  public ClosedHow closedHow() {
    return closedHow;
  }

  public Instant cancelledAt() {
    return cancelledAt;
  }

  public Instant surveyRequestedAt() {
    return surveyRequestedAt;
  }

  /** The survey's score, 1 to 5, or null before an answer. Not for agents. */
  public Integer surveyScore() {
    return surveyScore;
  }

  /** The survey's comment, or null. Not for agents. */
  public String surveyComment() {
    return surveyComment;
  }

  public Instant surveyAnsweredAt() {
    return surveyAnsweredAt;
  }

  /** The sequence number of the last event folded in: the ticket's version, as commands give it. */
  public long version() {
    return version;
  }

  /** sla-core's fold of the same events. */
  public TicketSla sla() {
    return sla;
  }
}

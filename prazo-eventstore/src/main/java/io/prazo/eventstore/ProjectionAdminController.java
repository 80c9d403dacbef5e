package io.prazo.eventstore;

import io.prazo.events.Role;
import io.prazo.web.problem.Problems;
import io.prazo.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/projections}: each projection's position and lag, and rebuilds. */
@RestController
@RequestMapping("/api/admin/projections")
@Tag(name = "Projections")
public class ProjectionAdminController {
  private final Projections projections;

  public ProjectionAdminController(Projections projections) {
    this.projections = projections;
  }

  @Operation(summary = "Each projection's position, lag and rebuild progress")
  @GetMapping
  public List<Projections.Status> list(Caller caller) {
    if (!caller.hasAny(Role.SUPERVISOR, Role.AUDITOR, Role.SYSTEM)) {
      throw new AccessDeniedException("projections are for supervisors, auditors and the system");
    }
    return projections.statuses();
  }

  @Operation(summary = "Rebuild a projection from the event store (202; follow it in the list)")
  @PostMapping("/{name}/rebuild")
  public ResponseEntity<Projections.Status> rebuild(@PathVariable String name, Caller caller) {
    if (!caller.hasAny(Role.SUPERVISOR, Role.SYSTEM)) {
      throw new AccessDeniedException("rebuilding a projection takes the supervisor role");
    }
    if (projections.status(name).isEmpty()) {
      throw new ErrorResponseException(
          HttpStatus.NOT_FOUND,
          Problems.of(
              HttpStatus.NOT_FOUND, "unknown-projection", "Unknown projection", "no " + name),
          null);
    }
    projections.rebuild(name);
    return ResponseEntity.accepted().body(projections.status(name).orElseThrow());
  }
}

package io.prazo.command.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prazo.command.domain.AccessRefusedException;
import io.prazo.events.Role;
import io.prazo.sla.BusinessCalendar;
import io.prazo.sla.CatalogJson;
import io.prazo.sla.Contract;
import io.prazo.sla.SlaPolicy;
import io.prazo.web.problem.Problems;
import io.prazo.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Policies, calendars and organization contracts (api.md). Reading takes any role (a customer reads
 * only its own organization's contract); writing takes the supervisor role and always adds a
 * version.
 */
@RestController
@Validated
@Tag(name = "Policies, calendars, contracts")
public class CatalogController {
  private static final String ID = "[A-Za-z0-9._-]{1,100}";
  private final CatalogStore store;

  public CatalogController(CatalogStore store) {
    this.store = store;
  }

  @Operation(summary = "Every policy at its current version")
  @GetMapping("/api/policies")
  public List<ObjectNode> policies() {
    return store.currentPolicies().stream().map(CatalogJson::write).toList();
  }

  @Operation(summary = "A policy at its current version")
  @GetMapping("/api/policies/{id}")
  public ResponseEntity<Object> policy(@PathVariable @Pattern(regexp = ID) String id) {
    return found(store.currentPolicy(id).map(CatalogJson::write), "policy", id);
  }

  @Operation(summary = "A policy at an exact version")
  @GetMapping("/api/policies/{id}/versions/{version}")
  public ResponseEntity<Object> policyVersion(
      @PathVariable @Pattern(regexp = ID) String id, @PathVariable int version) {
    return found(
        version < 1 ? Optional.empty() : store.policy(id, version).map(CatalogJson::write),
        "policy version",
        id + " v" + version);
  }

  @Operation(summary = "Define a policy: adds a version (supervisor)")
  @PutMapping("/api/policies/{id}")
  public ObjectNode putPolicy(
      @PathVariable @Pattern(regexp = ID) String id, @RequestBody JsonNode body, Caller caller) {
    requireSupervisor(caller);
    SlaPolicy policy = store.putPolicy(id, body, caller.id());
    return CatalogJson.write(policy);
  }

  @Operation(summary = "Every calendar at its current version")
  @GetMapping("/api/calendars")
  public List<ObjectNode> calendars() {
    return store.currentCalendars().stream().map(CatalogJson::write).toList();
  }

  @Operation(summary = "A calendar at its current version")
  @GetMapping("/api/calendars/{id}")
  public ResponseEntity<Object> calendar(@PathVariable @Pattern(regexp = ID) String id) {
    return found(store.currentCalendar(id).map(CatalogJson::write), "calendar", id);
  }

  @Operation(summary = "A calendar at an exact version")
  @GetMapping("/api/calendars/{id}/versions/{version}")
  public ResponseEntity<Object> calendarVersion(
      @PathVariable @Pattern(regexp = ID) String id, @PathVariable int version) {
    return found(
        version < 1 ? Optional.empty() : store.calendar(id, version).map(CatalogJson::write),
        "calendar version",
        id + " v" + version);
  }

  @Operation(summary = "Define a calendar: adds a version (supervisor)")
  @PutMapping("/api/calendars/{id}")
  public ObjectNode putCalendar(
      @PathVariable @Pattern(regexp = ID) String id, @RequestBody JsonNode body, Caller caller) {
    requireSupervisor(caller);
    BusinessCalendar calendar = store.putCalendar(id, body, caller.id());
    return CatalogJson.write(calendar);
  }

  @Operation(summary = "Bind an organization to a plan (supervisor)")
  @PutMapping("/api/organizations/{id}/contract")
  public ObjectNode putContract(
      @PathVariable @Pattern(regexp = ID) String id, @RequestBody JsonNode body, Caller caller) {
    requireSupervisor(caller);
    Contract contract = store.putContract(id, body, caller.id());
    return CatalogJson.write(contract);
  }

  @Operation(summary = "An organization's current contract")
  @GetMapping("/api/organizations/{id}/contract")
  public ResponseEntity<Object> contract(
      @PathVariable @Pattern(regexp = ID) String id, Caller caller) {
    boolean visible =
        !caller.roles().equals(java.util.Set.of(Role.CUSTOMER))
            || id.equals(caller.organizationId());
    return found(
        visible ? store.contractOf(id).map(CatalogJson::write) : Optional.empty(), "contract", id);
  }

  private static void requireSupervisor(Caller caller) {
    if (!caller.has(Role.SUPERVISOR)) {
      throw new AccessRefusedException(
          "defining policies, calendars and contracts takes the supervisor role");
    }
  }

  private static ResponseEntity<Object> found(Optional<ObjectNode> doc, String what, String id) {
    if (doc.isPresent()) {
      return ResponseEntity.ok(doc.get());
    }
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(
            Problems.of(
                HttpStatus.NOT_FOUND, "not-found", "Not found", "No " + what + " " + id + "."));
  }
}
